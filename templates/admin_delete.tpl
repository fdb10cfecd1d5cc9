{{%AUTOESCAPE context="HTML"}}
{{!-- admin_delete.tpl: asks before an article is deleted for good. --}}
<section class="admin-form confirm-delete">
<h1>Delete this article?</h1>
<p>“{{TITLE}}” ({{DATE}}) will be removed from the site: from its page, every list and every count. This cannot be undone.</p>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
<p class="actions">
<button type="submit" class="danger">Delete for good</button>
<a href="{{CANCEL_URL}}">Keep it and go back</a>
</p>
</form>
</section>
