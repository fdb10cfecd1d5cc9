{{%AUTOESCAPE context="HTML"}}
{{!-- layout.tpl: the page chrome shared by every page; the page's own
      template is expanded at CONTENT. --}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{TEXT}}">{{/DESCRIPTION}}
<link rel="stylesheet" href="{{CSS_URL}}">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="{{SITE_NAME}}" href="{{FEED_URL}}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
{{#ADMIN_BAR}}<div class="admin-bar">
<div class="wrap">
<span>Signed in as <strong>{{USER}}</strong></span>
<a href="{{DASHBOARD_URL}}">Dashboard</a>
<a href="{{NEW_URL}}">New article</a>
<form method="post" action="{{SIGNOUT_URL}}" class="signout">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
<button type="submit">Sign out</button>
</form>
</div>
</div>{{/ADMIN_BAR}}
<header class="site-header">
<div class="wrap">
<a class="site-name" href="{{HOME_URL}}">{{SITE_NAME}}</a>
<nav class="site-nav" aria-label="Main">
<ul>
{{#NAV}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/NAV}}
</ul>
</nav>
{{!-- HOME_URL ends in "/" and carries the CGI prefix, so this is the
      search page's URL in both modes. --}}
<form class="site-search" role="search" method="get" action="{{HOME_URL}}search">
<label class="visually-hidden" for="site-search-q">Search articles</label>
<input type="search" id="site-search-q" name="q" value="{{SEARCH_Q}}" maxlength="100" placeholder="Search">
<button type="submit">Search</button>
</form>
</div>
</header>
<main id="main" class="wrap">
{{>CONTENT}}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{SITE_NAME}}</p>
</div>
</footer>
</body>
</html>
