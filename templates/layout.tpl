{{%AUTOESCAPE context="HTML"}}
{{!-- layout.tpl: the page chrome shared by every page; the page's own
      template is expanded at CONTENT. --}}
<!DOCTYPE html>
<html lang="{{HTML_LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{TEXT}}">{{/DESCRIPTION}}
<link rel="stylesheet" href="{{CSS_URL}}">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="{{SITE_NAME}}" href="{{FEED_URL}}">
{{#CANONICAL}}<link rel="canonical" href="{{URL}}">{{/CANONICAL}}
{{#ARTICLE_META}}
{{!-- Link previews (Open Graph) and search engines (schema.org). In the
      JSON, values are inside quotes and escaped with :json_escape, which
      writes JSON escapes (\u003C); the engine's default for a script
      would write \x3C, which is not JSON. --}}
<meta property="og:type" content="article">
<meta property="og:site_name" content="{{SITE_NAME}}">
<meta property="og:title" content="{{TITLE}}">
<meta property="og:description" content="{{DESCRIPTION}}">
<meta property="og:url" content="{{URL}}">
{{#IMAGE}}<meta property="og:image" content="{{URL}}">{{/IMAGE}}
<meta property="article:published_time" content="{{PUBLISHED}}">
<meta property="article:modified_time" content="{{MODIFIED}}">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{{TITLE:json_escape}}", "description": "{{DESCRIPTION:json_escape}}", "datePublished": "{{PUBLISHED:json_escape}}", "dateModified": "{{MODIFIED:json_escape}}", "author": [{"@type": "Organization", "name": "{{AUTHOR:json_escape}}"}], "publisher": {"@type": "Organization", "name": "{{SITE_NAME:json_escape}}"}, "mainEntityOfPage": "{{URL:json_escape}}"{{#IMAGE}}, "image": ["{{URL:json_escape}}"]{{/IMAGE}}}</script>
{{/ARTICLE_META}}
</head>
<body>
<a class="skip-link" href="#main">{{L_SKIP_LINK}}</a>
{{#ADMIN_BAR}}<div class="admin-bar">
<div class="wrap">
<span>{{L_ADMIN_SIGNED_IN_AS}} <strong>{{USER}}</strong></span>
<a href="{{DASHBOARD_URL}}">{{L_ADMIN_DASHBOARD}}</a>
<a href="{{NEW_URL}}">{{L_ADMIN_NEW_ARTICLE}}</a>
<form method="post" action="{{SIGNOUT_URL}}" class="signout">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
<button type="submit">{{L_ADMIN_SIGN_OUT}}</button>
</form>
</div>
</div>{{/ADMIN_BAR}}
<header class="site-header">
<div class="wrap">
<a class="site-name" href="{{HOME_URL}}">{{SITE_NAME}}</a>
<nav class="site-nav" aria-label="{{L_NAV_LABEL}}">
<ul>
{{#NAV}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/NAV}}
</ul>
</nav>
{{!-- HOME_URL ends in "/" and carries the CGI prefix, so this is the
      search page's URL in both modes. --}}
<form class="site-search" role="search" method="get" action="{{HOME_URL}}search">
<label class="visually-hidden" for="site-search-q">{{L_SEARCH_BOX_LABEL}}</label>
<input type="search" id="site-search-q" name="q" value="{{SEARCH_Q}}" maxlength="100" placeholder="{{L_SEARCH_PLACEHOLDER}}">
<button type="submit">{{L_SEARCH_BUTTON}}</button>
</form>
{{!-- To this page in the other language; the choice is remembered in a
      cookie (page_lang.c). --}}
{{#LANG_SWITCH}}<p class="lang-switch"><a href="{{HREF}}" lang="{{LANG}}" hreflang="{{LANG}}">{{L_LANG_OTHER_NAME}}</a></p>{{/LANG_SWITCH}}
</div>
</header>
<main id="main" class="wrap">
{{>CONTENT}}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{SITE_NAME}}</p>
{{!-- The ICP filing number (备案号), linked to the register where
      readers can check it, as the regulation asks. --}}
{{#ICP}}<p class="icp"><a href="https://beian.miit.gov.cn/" rel="noopener">{{NUMBER}}</a></p>{{/ICP}}
</div>
</footer>
</body>
</html>
