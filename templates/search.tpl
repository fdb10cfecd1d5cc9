{{%AUTOESCAPE context="HTML"}}
{{!-- search.tpl: the search form and one page of results. Marked words
      come from C as pieces, each plain or marked, escaped here like any
      other value; only the <mark> tags are written in this file. --}}
<h1>Search{{#PAGE_NUMBER}} <span class="page-number">(page {{PAGE}} of {{PAGES}})</span>{{/PAGE_NUMBER}}</h1>
<form class="search-form" method="get" action="{{ACTION}}">
<label for="search-q">Words to find in titles, authors and articles</label>
<div class="search-row">
<input type="search" id="search-q" name="q" value="{{Q}}" maxlength="100">
<button type="submit">Search</button>
</div>
</form>
{{#MESSAGE}}<p class="search-message">{{TEXT}}</p>{{/MESSAGE}}
{{#SUMMARY}}<p class="search-summary">{{TEXT}}</p>{{/SUMMARY}}
{{#RESULTS}}<ol class="article-list search-results">
{{#ITEM}}<li class="article-item">
<h2><a href="{{HREF}}">{{#TITLE}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{/TITLE}}</a></h2>
<p class="meta"><time datetime="{{DATE}}">{{DATE}}</time> · {{#AUTHOR}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{/AUTHOR}}</p>
<p class="excerpt">{{#SNIPPET}}{{#CUT_START}}… {{/CUT_START}}{{#PIECE}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#MARK}}<mark>{{TEXT}}</mark>{{/MARK}}{{/PIECE}}{{#CUT_END}} …{{/CUT_END}}{{/SNIPPET}}</p>
</li>
{{/ITEM}}
</ol>{{/RESULTS}}
{{#PAGER}}<nav class="pager" aria-label="Pages">
<ul>
{{#PREV}}<li><a rel="prev" href="{{HREF}}">Previous</a></li>{{/PREV}}
{{#PAGE}}{{#LINK}}<li><a href="{{HREF}}">{{NUM}}</a></li>{{/LINK}}{{#CURRENT}}<li><span aria-current="page">{{NUM}}</span></li>{{/CURRENT}}{{#GAP}}<li><span class="gap">…</span></li>{{/GAP}}{{/PAGE}}
{{#NEXT}}<li><a rel="next" href="{{HREF}}">Next</a></li>{{/NEXT}}
</ul>
</nav>{{/PAGER}}
