{{%AUTOESCAPE context="HTML"}}
{{!-- error.tpl: 4xx and 5xx pages; never any internal detail. --}}
<section class="error-page">
<h1>{{TITLE}}</h1>
<p>{{MESSAGE}}</p>
<p class="error-code">{{L_ERROR_CODE}} {{STATUS}}</p>
<p><a href="{{HOME_URL}}">{{L_ERROR_HOME_LINK}}</a></p>
</section>
