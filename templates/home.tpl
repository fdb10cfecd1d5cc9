{{%AUTOESCAPE context="HTML"}}
{{!-- home.tpl: the home page: the latest articles. --}}
<h1>{{SITE_NAME}}</h1>
<section aria-labelledby="latest">
<h2 id="latest" class="section-title">{{L_HOME_LATEST}}</h2>
{{>ARTICLES}}
{{#MORE}}<p class="more"><a href="{{HREF}}">{{TEXT}}</a></p>{{/MORE}}
</section>
