{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="utf-8"?>
{{!-- feed.tpl: an Atom feed (RFC 4287) of the newest articles. CONTENT
      is the body's HTML, escaped here as XML text (type="html"); relative
      image URLs resolve against xml:base. --}}
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{{SITE_URL}}/">
<title>{{TITLE}}</title>
<id>{{SELF_URL}}</id>
<link rel="self" type="application/atom+xml" href="{{SELF_URL}}"/>
<link rel="alternate" type="text/html" href="{{HTML_URL}}"/>
<updated>{{UPDATED}}</updated>
<author><name>{{SITE_NAME}}</name></author>
{{#ENTRY}}<entry>
<title>{{TITLE}}</title>
<id>{{URL}}</id>
<link rel="alternate" type="text/html" href="{{URL}}"/>
<published>{{PUBLISHED}}</published>
<updated>{{UPDATED}}</updated>
<author><name>{{AUTHOR}}</name></author>
<summary>{{SUMMARY}}</summary>
<content type="html">{{CONTENT}}</content>
</entry>
{{/ENTRY}}</feed>
