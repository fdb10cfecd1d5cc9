{{%AUTOESCAPE context="HTML"}}
{{!-- article.tpl: one article. BODY_HTML comes from cmark (text escaped,
      raw HTML dropped), the only value printed without escaping. --}}
{{>BREADCRUMB}}
<article class="article">
<h1>{{TITLE}}</h1>
<p class="byline"><span>{{L_BYLINE_AUTHOR}}{{AUTHOR}}</span>{{#SOURCE}} <span>{{L_BYLINE_SOURCE}}{{TEXT}}</span>{{/SOURCE}} <span>{{L_BYLINE_DATE}}<time datetime="{{DATE}}">{{DATE_TEXT}}</time></span> <span>{{L_BYLINE_VIEWS}}{{VIEWS}}</span></p>
<div class="article-body">
{{BODY_HTML:none}}
</div>
</article>
<nav class="neighbours" aria-label="{{L_NEIGHBOURS_LABEL}}">
<ul>
{{#OLDER}}<li class="older"><span>{{L_ARTICLE_PREVIOUS}}</span> <a rel="prev" href="{{HREF}}">{{TITLE}}</a></li>{{/OLDER}}
{{#NEWER}}<li class="newer"><span>{{L_ARTICLE_NEXT}}</span> <a rel="next" href="{{HREF}}">{{TITLE}}</a></li>{{/NEWER}}
</ul>
</nav>
