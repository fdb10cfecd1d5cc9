{{%AUTOESCAPE context="HTML"}}
{{!-- article.tpl: one article. BODY_HTML comes from cmark (text escaped,
      raw HTML dropped), the only value printed without escaping. --}}
{{>BREADCRUMB}}
<article class="article">
<h1>{{TITLE}}</h1>
<p class="byline"><span>Author: {{AUTHOR}}</span> <span>Addtime: <time datetime="{{DATE}}">{{DATE}}</time></span></p>
<div class="article-body">
{{BODY_HTML:none}}
</div>
</article>
<nav class="neighbours" aria-label="More articles">
<ul>
{{#OLDER}}<li class="older"><span>Previous:</span> <a rel="prev" href="{{HREF}}">{{TITLE}}</a></li>{{/OLDER}}
{{#NEWER}}<li class="newer"><span>Next:</span> <a rel="next" href="{{HREF}}">{{TITLE}}</a></li>{{/NEWER}}
</ul>
</nav>
