{{%AUTOESCAPE context="HTML"}}
{{!-- admin_delete.tpl: asks before an article is deleted for good; ALERT
      says why the last try failed on the server's side. --}}
<section class="admin-form confirm-delete">
<h1>{{L_DELETE_HEADING}}</h1>
{{#ALERT}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ALERT}}
<p>“{{TITLE}}” ({{DATE}}) {{L_DELETE_EXPLAIN}}</p>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
<p class="actions">
<button type="submit" class="danger">{{L_DELETE_CONFIRM}}</button>
<a href="{{CANCEL_URL}}">{{L_DELETE_CANCEL}}</a>
</p>
</form>
</section>
