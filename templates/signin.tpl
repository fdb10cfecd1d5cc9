{{%AUTOESCAPE context="HTML"}}
{{!-- signin.tpl: the administrators' sign-in form. CSRF is the token
      that must match the gazette_signin cookie set with this page. --}}
<section class="admin-form signin">
<h1>{{L_SIGNIN_TITLE}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
{{#ERROR}}<p class="form-error" role="alert" id="signin-error">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
{{#NEXT}}<input type="hidden" name="next" value="{{VALUE}}">{{/NEXT}}
<p class="field">
<label for="name">{{L_SIGNIN_NAME}}</label>
<input id="name" name="name" type="text" value="{{NAME}}" maxlength="64" required autocomplete="username" autocapitalize="none" spellcheck="false">
</p>
<p class="field">
<label for="password">{{L_SIGNIN_PASSWORD}}</label>
<input id="password" name="password" type="password" maxlength="1024" required autocomplete="current-password">
</p>
<p class="actions"><button type="submit">{{L_SIGNIN_BUTTON}}</button></p>
</form>
</section>
