{{%AUTOESCAPE context="HTML"}}
{{!-- breadcrumb.tpl: "Now: HOME > SERVICE > Activities", each a link. --}}
<nav class="breadcrumb" aria-label="Breadcrumb">
<p><span class="breadcrumb-label">Now:</span> {{#CRUMB}}<a href="{{HREF}}">{{LABEL}}</a>{{#CRUMB_separator}} <span aria-hidden="true">&gt;</span> {{/CRUMB_separator}}{{/CRUMB}}
</p>
</nav>
