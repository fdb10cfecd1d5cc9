{{%AUTOESCAPE context="HTML"}}
{{!-- list.tpl: one page of a list of articles, with page links. --}}
{{>BREADCRUMB}}
<h1>{{TITLE}}{{#PAGE_NUMBER}} <span class="page-number">(page {{PAGE}} of {{PAGES}})</span>{{/PAGE_NUMBER}}</h1>
{{>ARTICLES}}
{{#PAGER}}<nav class="pager" aria-label="Pages">
<ul>
{{#PREV}}<li><a rel="prev" href="{{HREF}}">Previous</a></li>{{/PREV}}
{{#PAGE}}{{#LINK}}<li><a href="{{HREF}}">{{NUM}}</a></li>{{/LINK}}{{#CURRENT}}<li><span aria-current="page">{{NUM}}</span></li>{{/CURRENT}}{{#GAP}}<li><span class="gap">…</span></li>{{/GAP}}{{/PAGE}}
{{#NEXT}}<li><a rel="next" href="{{HREF}}">Next</a></li>{{/NEXT}}
</ul>
</nav>{{/PAGER}}
