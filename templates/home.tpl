{{%AUTOESCAPE context="HTML"}}
{{!-- home.tpl: the home page: the latest articles. --}}
<h1>{{SITE_NAME}}</h1>
<section aria-labelledby="latest">
<h2 id="latest" class="section-title">Latest articles</h2>
{{>ARTICLES}}
{{#MORE}}<p class="more"><a href="{{HREF}}">All {{TOTAL}} articles</a></p>{{/MORE}}
</section>
