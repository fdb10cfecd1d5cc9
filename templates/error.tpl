{{%AUTOESCAPE context="HTML"}}
{{!-- error.tpl: 4xx and 5xx pages; never any internal detail. --}}
<section class="error-page">
<h1>{{TITLE}}</h1>
<p>{{MESSAGE}}</p>
<p class="error-code">Error {{STATUS}}</p>
<p><a href="{{HOME_URL}}">Go to the home page</a></p>
</section>
