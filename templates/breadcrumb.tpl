{{%AUTOESCAPE context="HTML"}}
{{!-- breadcrumb.tpl: "Now: HOME > SERVICE > Activities", each a link. --}}
<nav class="breadcrumb" aria-label="{{L_BREADCRUMB_LABEL}}">
<p><span class="breadcrumb-label">{{L_BREADCRUMB_NOW}}</span> {{#CRUMB}}<a href="{{HREF}}">{{LABEL}}</a>{{#CRUMB_separator}} <span aria-hidden="true">&gt;</span> {{/CRUMB_separator}}{{/CRUMB}}
</p>
</nav>
