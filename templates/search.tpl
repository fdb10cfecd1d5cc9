{{%AUTOESCAPE context="HTML"}}
{{!-- search.tpl: the search form and one page of results. Marked words
      come from C as pieces, each plain or marked, escaped here like any
      other value; only the <mark> tags are written in this file. --}}
<h1>{{L_SEARCH_HEADING}}{{#PAGE_NUMBER}} <span class="page-number">{{TEXT}}</span>{{/PAGE_NUMBER}}</h1>
<form class="search-form" method="get" action="{{ACTION}}">
<label for="search-q">{{L_SEARCH_FORM_LABEL}}</label>
<div class="search-row">
<input type="search" id="search-q" name="q" value="{{Q}}" maxlength="100">
<button type="submit">{{L_SEARCH_BUTTON}}</button>
</div>
</form>
{{#MESSAGE}}<p class="search-message">{{TEXT}}</p>{{/MESSAGE}}
{{#SUMMARY}}<p class="search-summary">{{TEXT}}</p>{{/SUMMARY}}
{{#RESULTS}}<ol class="article-list search-results">
{{#ITEM}}<li class="article-item">
<h2><a href="{{HREF}}">{{#TITLE}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{/TITLE}}</a></h2>
<p class="meta"><time datetime="{{DATE}}">{{DATE_TEXT}}</time> · {{#AUTHOR}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{/AUTHOR}}{{#SOURCE}} · {{L_BYLINE_SOURCE}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{/SOURCE}}</p>
<p class="excerpt">{{#SNIPPET}}{{#CUT_START}}… {{/CUT_START}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{#CUT_END}} …{{/CUT_END}}{{/SNIPPET}}</p>
</li>
{{/ITEM}}
</ol>{{/RESULTS}}
{{#PAGER}}<nav class="pager" aria-label="{{L_PAGER_LABEL}}">
<ul>
{{#PREV}}<li><a rel="prev" href="{{HREF}}">{{L_PAGER_PREV}}</a></li>{{/PREV}}
{{#PAGE}}{{#LINK}}<li><a href="{{HREF}}">{{NUM}}</a></li>{{/LINK}}{{#CURRENT}}<li><span aria-current="page">{{NUM}}</span></li>{{/CURRENT}}{{#GAP}}<li><span class="gap">…</span></li>{{/GAP}}{{/PAGE}}
{{#NEXT}}<li><a rel="next" href="{{HREF}}">{{L_PAGER_NEXT}}</a></li>{{/NEXT}}
</ul>
</nav>{{/PAGER}}
