{{%AUTOESCAPE context="HTML"}}
{{!-- article_items.tpl: a list of article summaries (home and lists). --}}
{{#EMPTY}}<p class="empty">{{L_LIST_EMPTY}}</p>{{/EMPTY}}
<ol class="article-list">
{{#ITEM}}<li class="article-item">
<h2><a href="{{HREF}}">{{TITLE}}</a></h2>
<p class="meta"><time datetime="{{DATE}}">{{DATE_TEXT}}</time> · {{AUTHOR}}</p>
<p class="excerpt">{{EXCERPT}}</p>
</li>
{{/ITEM}}
</ol>
