{{%AUTOESCAPE context="HTML"}}
{{!-- admin_article_form.tpl: writing or editing an article. Every field
      comes back as typed when the form is refused, with its message next
      to it (tied to the field by aria-describedby). PREVIEW.BODY_HTML is
      cmark's output (text escaped, raw HTML dropped), printed as is. --}}
<h1>{{HEADING}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
{{#ERRORS}}<p class="form-error" role="alert">{{TEXT}}</p>{{/ERRORS}}
{{#PREVIEW}}<section class="preview" aria-labelledby="preview-heading">
<h2 id="preview-heading" class="preview-label">{{L_PREVIEW_HEADING}}</h2>
<article class="article">
<h1>{{TITLE}}</h1>
<p class="byline"><span>{{L_BYLINE_AUTHOR}}{{AUTHOR}}</span>{{#SOURCE_LINE}} <span>{{L_BYLINE_SOURCE}}{{TEXT}}</span>{{/SOURCE_LINE}} <span>{{L_BYLINE_DATE}}<time datetime="{{DATE}}">{{DATE_TEXT}}</time></span></p>
<div class="article-body">
{{BODY_HTML:none}}
</div>
</article>
</section>{{/PREVIEW}}
<form class="admin-form article-form" method="post" action="{{ACTION}}" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{CSRF}}">
<p class="field">
<label for="title">{{L_FIELD_TITLE}}</label>
<input id="title" name="title" type="text" value="{{TITLE}}" maxlength="300" required{{#TITLE_ERROR}} aria-invalid="true" aria-describedby="title-error"{{/TITLE_ERROR}}>
{{#TITLE_ERROR}}<span class="field-error" id="title-error">{{TEXT}}</span>{{/TITLE_ERROR}}
</p>
<p class="field">
<label for="author">{{L_FIELD_AUTHOR}}</label>
<input id="author" name="author" type="text" value="{{AUTHOR}}" maxlength="120" required{{#AUTHOR_ERROR}} aria-invalid="true" aria-describedby="author-error"{{/AUTHOR_ERROR}}>
{{#AUTHOR_ERROR}}<span class="field-error" id="author-error">{{TEXT}}</span>{{/AUTHOR_ERROR}}
</p>
<p class="field">
<label for="source">{{L_FIELD_SOURCE}}</label>
<span class="hint" id="source-hint">{{L_SOURCE_HINT}}</span>
<input id="source" name="source" type="text" value="{{SOURCE}}" maxlength="200" aria-describedby="source-hint{{#SOURCE_ERROR}} source-error{{/SOURCE_ERROR}}"{{#SOURCE_ERROR}} aria-invalid="true"{{/SOURCE_ERROR}}>
{{#SOURCE_ERROR}}<span class="field-error" id="source-error">{{TEXT}}</span>{{/SOURCE_ERROR}}
</p>
<p class="field">
<label for="published_on">{{L_FIELD_DATE}}</label>
<input id="published_on" name="published_on" type="date" value="{{DATE}}" required{{#DATE_ERROR}} aria-invalid="true" aria-describedby="date-error"{{/DATE_ERROR}}>
{{#DATE_ERROR}}<span class="field-error" id="date-error">{{TEXT}}</span>{{/DATE_ERROR}}
</p>
<p class="field">
<label for="section">{{L_FIELD_SECTION}}</label>
<select id="section" name="section"{{#SECTION_ERROR}} aria-invalid="true" aria-describedby="section-error"{{/SECTION_ERROR}}>
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPTION}}</select>
{{#SECTION_ERROR}}<span class="field-error" id="section-error">{{TEXT}}</span>{{/SECTION_ERROR}}
</p>
<p class="field">
<label for="body">{{L_FIELD_BODY}}</label>
<span class="hint" id="body-hint">{{L_BODY_HINT}}</span>
<textarea id="body" name="body" rows="18" aria-describedby="body-hint{{#BODY_ERROR}} body-error{{/BODY_ERROR}}"{{#BODY_ERROR}} aria-invalid="true"{{/BODY_ERROR}}>{{BODY:pre_escape}}</textarea>
{{#BODY_ERROR}}<span class="field-error" id="body-error">{{TEXT}}</span>{{/BODY_ERROR}}
</p>
<fieldset class="field">
<legend>{{L_PHOTO_LEGEND}}</legend>
<p><label for="photo">{{PHOTO_LABEL}}</label>
<input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/gif"{{#PHOTO_ERROR}} aria-invalid="true" aria-describedby="photo-error"{{/PHOTO_ERROR}}></p>
<p><label for="photo_alt">{{L_PHOTO_ALT_LABEL}}</label>
<input id="photo_alt" name="photo_alt" type="text" value="{{PHOTO_ALT}}" maxlength="300"></p>
{{#PHOTO_ERROR}}<span class="field-error" id="photo-error">{{TEXT}}</span>{{/PHOTO_ERROR}}
</fieldset>
<fieldset class="field">
<legend>{{L_STATUS_LEGEND}}</legend>
<label><input type="radio" name="status" value="published"{{#STATUS_PUBLISHED}} checked{{/STATUS_PUBLISHED}}> {{L_STATUS_PUBLISHED_LABEL}}</label>
<label><input type="radio" name="status" value="draft"{{#STATUS_DRAFT}} checked{{/STATUS_DRAFT}}> {{L_STATUS_DRAFT_LABEL}}</label>
{{#STATUS_ERROR}}<span class="field-error" id="status-error">{{TEXT}}</span>{{/STATUS_ERROR}}
</fieldset>
<p class="actions">
<button type="submit" name="action" value="preview">{{L_PREVIEW_BUTTON}}</button>
<button type="submit" name="action" value="save" class="primary">{{L_SAVE_BUTTON}}</button>
{{#DELETE}}<a class="danger" href="{{HREF}}">{{L_DELETE_LINK}}</a>{{/DELETE}}
</p>
</form>
