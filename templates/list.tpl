{{%AUTOESCAPE context="HTML"}}
{{!-- list.tpl: one page of a list of articles, with page links. --}}
{{>BREADCRUMB}}
<h1>{{TITLE}}{{#PAGE_NUMBER}} <span class="page-number">{{TEXT}}</span>{{/PAGE_NUMBER}}</h1>
{{>ARTICLES}}
{{#PAGER}}<nav class="pager" aria-label="{{L_PAGER_LABEL}}">
<ul>
{{#PREV}}<li><a rel="prev" href="{{HREF}}">{{L_PAGER_PREV}}</a></li>{{/PREV}}
{{#PAGE}}{{#LINK}}<li><a href="{{HREF}}">{{NUM}}</a></li>{{/LINK}}{{#CURRENT}}<li><span aria-current="page">{{NUM}}</span></li>{{/CURRENT}}{{#GAP}}<li><span class="gap">…</span></li>{{/GAP}}{{/PAGE}}
{{#NEXT}}<li><a rel="next" href="{{HREF}}">{{L_PAGER_NEXT}}</a></li>{{/NEXT}}
</ul>
</nav>{{/PAGER}}
