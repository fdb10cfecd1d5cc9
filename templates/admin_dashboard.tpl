{{%AUTOESCAPE context="HTML"}}
{{!-- admin_dashboard.tpl: every article (drafts too) with its actions,
      and the recent activity from the audit log. --}}
<h1>Dashboard</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
<p><a class="button" href="{{NEW_URL}}">Write a new article</a></p>
<section class="admin-articles" aria-labelledby="articles-heading">
<h2 id="articles-heading">Articles ({{TOTAL}})</h2>
{{#NO_ARTICLES}}<p class="empty">No articles yet.</p>{{/NO_ARTICLES}}
<table class="admin-table">
<thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Date</th><th scope="col">Author</th><th scope="col">Actions</th></tr></thead>
<tbody>
{{#ARTICLE}}<tr>
<td>{{#VIEW}}<a href="{{HREF}}">{{TITLE}}</a>{{/VIEW}}{{#UNLINKED}}{{TITLE}}{{/UNLINKED}}</td>
<td><span class="status status-{{STATUS_CLASS}}">{{STATUS}}</span></td>
<td class="date">{{DATE}}</td>
<td>{{AUTHOR}}</td>
<td class="row-actions"><a href="{{EDIT_URL}}">Edit</a> <a href="{{DELETE_URL}}">Delete</a></td>
</tr>
{{/ARTICLE}}</tbody>
</table>
{{#PREV}}<a rel="prev" href="{{HREF}}">Newer articles</a>{{/PREV}}
{{#NEXT}}<a rel="next" href="{{HREF}}">Older articles</a>{{/NEXT}}
</section>
<section class="admin-activity" aria-labelledby="activity-heading">
<h2 id="activity-heading">Recent activity</h2>
{{#NO_ACTIVITY}}<p class="empty">Nothing yet.</p>{{/NO_ACTIVITY}}
<ul>
{{#ACTIVITY}}<li><time>{{WHEN}}</time> <strong>{{WHO}}</strong> {{WHAT}}{{#DETAIL}} “{{TEXT}}”{{/DETAIL}}</li>
{{/ACTIVITY}}</ul>
</section>
