{{%AUTOESCAPE context="HTML"}}
{{!-- admin_dashboard.tpl: every article (drafts too) with its actions,
      and the recent activity from the audit log. --}}
<h1>{{L_ADMIN_DASHBOARD}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
<p><a class="button" href="{{NEW_URL}}">{{L_DASH_WRITE}}</a></p>
<section class="admin-articles" aria-labelledby="articles-heading">
<h2 id="articles-heading">{{L_DASH_ARTICLES}} ({{TOTAL}})</h2>
{{#NO_ARTICLES}}<p class="empty">{{L_DASH_NO_ARTICLES}}</p>{{/NO_ARTICLES}}
<table class="admin-table">
<thead><tr><th scope="col">{{L_COL_TITLE}}</th><th scope="col">{{L_COL_STATUS}}</th><th scope="col">{{L_COL_DATE}}</th><th scope="col">{{L_COL_AUTHOR}}</th><th scope="col">{{L_COL_VIEWS}}</th><th scope="col">{{L_COL_ACTIONS}}</th></tr></thead>
<tbody>
{{#ARTICLE}}<tr>
<td>{{#VIEW}}<a href="{{HREF}}">{{TITLE}}</a>{{/VIEW}}{{#UNLINKED}}{{TITLE}}{{/UNLINKED}}</td>
<td><span class="status status-{{STATUS_CLASS}}">{{STATUS}}</span></td>
<td class="date">{{DATE}}</td>
<td>{{AUTHOR}}</td>
<td class="views">{{VIEWS}}</td>
<td class="row-actions"><a href="{{EDIT_URL}}">{{L_DASH_EDIT}}</a> <a href="{{DELETE_URL}}">{{L_DASH_DELETE}}</a></td>
</tr>
{{/ARTICLE}}</tbody>
</table>
{{#PREV}}<a rel="prev" href="{{HREF}}">{{L_DASH_NEWER}}</a>{{/PREV}}
{{#NEXT}}<a rel="next" href="{{HREF}}">{{L_DASH_OLDER}}</a>{{/NEXT}}
</section>
<section class="admin-activity" aria-labelledby="activity-heading">
<h2 id="activity-heading">{{L_DASH_ACTIVITY}}</h2>
{{#NO_ACTIVITY}}<p class="empty">{{L_DASH_NO_ACTIVITY}}</p>{{/NO_ACTIVITY}}
<ul>
{{#ACTIVITY}}<li><time>{{WHEN}}</time> <strong>{{WHO}}</strong> {{WHAT}}{{#DETAIL}} “{{TEXT}}”{{/DETAIL}}</li>
{{/ACTIVITY}}</ul>
</section>
