/* i18n_catalog.h: every interface string of gazette, in English and in
 * Simplified Chinese: one row (KEY, English, Chinese) each, of one of
 * three kinds, by who shows it:
 *   I18N_ROW    a template of any page, as {{L_KEY}} (set on every page);
 *   I18N_ADMIN  an admin template only, as {{L_KEY}} (set on admin pages);
 *   I18N_TEXT   C code only: i18n_text(app->lang, I18N_KEY), often as an
 *               arena_printf format (never set in templates).
 * The kinds exist because every value set in a ctemplate dictionary costs
 * about half a microsecond: a reader's page sets only the rows it can show.
 *
 * Deliberately without include guards: i18n.h includes it to make the
 * enum of keys (I18N_KEY) and i18n.c to make the table; each defines all
 * three macros first. To add a string: add a row of the right kind here
 * (both texts non-empty), then use it. A text with printf conversions must
 * have the same ones, in the same order, in both languages; test_i18n
 * checks that, and that each {{L_KEY}} in a template is a row its pages
 * set. Texts end without a space unless a value follows them directly. */

/* The page chrome (layout.tpl). */
I18N_ROW(SKIP_LINK, "Skip to content", "跳到正文")
I18N_ROW(NAV_LABEL, "Main", "主导航")
I18N_TEXT(NAV_HOME, "Home", "首页")
I18N_TEXT(NAV_ALL, "All articles", "全部文章")
I18N_ROW(SEARCH_BOX_LABEL, "Search articles", "搜索文章")
I18N_ROW(SEARCH_PLACEHOLDER, "Search", "搜索")
I18N_ROW(SEARCH_BUTTON, "Search", "搜索")
/* The switch link names the other language, in that language. */
I18N_ROW(LANG_OTHER_NAME, "中文", "English")
I18N_ROW(ADMIN_SIGNED_IN_AS, "Signed in as", "当前登录")
I18N_ROW(ADMIN_DASHBOARD, "Dashboard", "管理后台")
I18N_ROW(ADMIN_NEW_ARTICLE, "New article", "新建文章")
I18N_ROW(ADMIN_SIGN_OUT, "Sign out", "退出登录")

/* Lists, pages of lists, the breadcrumb (home, list, article_items,
 * breadcrumb.tpl and page_list.c). */
I18N_TEXT(HOME_DESCRIPTION, "The latest news and activities.", "最新新闻与活动。")
I18N_ROW(HOME_LATEST, "Latest articles", "最新文章")
I18N_TEXT(HOME_ALL_N, "All %ld articles", "全部 %ld 篇文章")
I18N_ROW(LIST_EMPTY, "No articles have been published here yet.", "这里还没有发布文章。")
I18N_TEXT(LIST_TITLE_PAGE, "%s, page %ld", "%s（第 %ld 页）")
I18N_TEXT(LIST_DESCRIPTION, "%s: %ld articles, newest first.",
    "%s：共 %ld 篇文章，最新的在前。")
I18N_TEXT(PAGE_OF, "(page %ld of %ld)", "（第 %ld 页，共 %ld 页）")
I18N_ROW(PAGER_LABEL, "Pages", "分页")
I18N_ROW(PAGER_PREV, "Previous", "上一页")
I18N_ROW(PAGER_NEXT, "Next", "下一页")
I18N_ROW(BREADCRUMB_LABEL, "Breadcrumb", "位置导航")
I18N_ROW(BREADCRUMB_NOW, "Now:", "当前位置：")

/* One article (article.tpl; the byline labels are followed directly by
 * their value, hence the English trailing space). */
I18N_ROW(BYLINE_AUTHOR, "Author: ", "作者：")
I18N_ROW(BYLINE_DATE, "Addtime: ", "发布时间：")
I18N_ROW(BYLINE_SOURCE, "Source: ", "来源：")
I18N_ROW(BYLINE_VIEWS, "Views: ", "阅读：")
I18N_ROW(NEIGHBOURS_LABEL, "More articles", "更多文章")
I18N_ROW(ARTICLE_PREVIOUS, "Previous:", "上一篇：")
I18N_ROW(ARTICLE_NEXT, "Next:", "下一篇：")

/* Search (search.tpl, page_search.c). */
I18N_ROW(SEARCH_HEADING, "Search", "搜索")
I18N_ROW(SEARCH_FORM_LABEL, "Words to find in titles, authors and articles",
    "要在标题、作者和正文中查找的词语")
I18N_TEXT(SEARCH_DESCRIPTION, "Search the articles of this site.", "搜索本站文章。")
I18N_TEXT(SEARCH_TITLE, "Search: %s", "搜索：%s")
I18N_TEXT(SEARCH_TITLE_PAGE, "Search: %s, page %ld", "搜索：%s（第 %ld 页）")
I18N_TEXT(SEARCH_NONE, "No articles match “%s”. Check the spelling, or try fewer words.",
    "没有与“%s”匹配的文章。请检查拼写，或减少搜索词。")
I18N_TEXT(SEARCH_ONE, "1 article matches “%s”.", "找到 1 篇与“%s”匹配的文章。")
I18N_TEXT(SEARCH_MANY, "%ld articles match “%s”.", "找到 %ld 篇与“%s”匹配的文章。")
I18N_TEXT(SEARCH_CAPPED, "More than %d articles match “%s”; the newest %d are shown.",
    "超过 %d 篇文章与“%s”匹配，只显示最新的 %d 篇。")
I18N_TEXT(SEARCH_TOO_LONG, "This search is too long: please use at most %d characters.",
    "搜索内容过长：请不要超过 %d 个字符。")
I18N_TEXT(SEARCH_TOO_MANY, "This search has too many words: please use at most %d.",
    "搜索词过多：请最多使用 %d 个。")
I18N_TEXT(SEARCH_EMPTY, "Type a word or two to find the articles that contain "
    "them, in English or in Chinese.", "输入一两个中文或英文词语，查找包含它们的文章。")

/* Error pages (error.tpl, page_layout.c): what a reader is told for each
 * status, never any detail of the cause. */
I18N_ROW(ERROR_CODE, "Error", "错误代码")
I18N_ROW(ERROR_HOME_LINK, "Go to the home page", "返回首页")
I18N_TEXT(E400_TITLE, "Bad request", "请求无效")
I18N_TEXT(E400_TEXT, "The address or the values sent with it are not valid. "
    "Please check the link, or start again from the home page.",
    "地址或随地址发送的内容无效。请检查链接，或从首页重新开始。")
I18N_TEXT(E403_TITLE, "Not allowed", "不允许此操作")
I18N_TEXT(E403_TEXT, "This form could not be accepted: it was sent from "
    "another site, or the page it came from is out of date. "
    "Please go back, reload the page and try again.",
    "无法接受这份表单：它来自其他网站，或者提交它的页面已过期。请返回并刷新页面后重试。")
I18N_TEXT(E404_TITLE, "Page not found", "页面未找到")
I18N_TEXT(E404_TEXT, "There is no page at this address. It may have been "
    "moved or removed, or the link may be mistyped.",
    "此地址没有页面。页面可能已被移动或删除，也可能是链接有误。")
I18N_TEXT(E405_TITLE, "Method not allowed", "不支持此请求方式")
I18N_TEXT(E405_TEXT, "This page cannot be used that way.", "此页面不能以这种方式使用。")
I18N_TEXT(E411_TITLE, "Length required", "缺少长度信息")
I18N_TEXT(E411_TEXT, "The form was sent without saying how long it is. "
    "Please send it again from the page.", "表单发送时没有说明其长度。请从页面重新提交。")
I18N_TEXT(E413_TITLE, "Request too large", "请求内容过大")
I18N_TEXT(E413_TEXT, "What was sent is larger than this site accepts.",
    "发送的内容超过了本站允许的大小。")
I18N_TEXT(E414_TITLE, "Address too long", "地址过长")
I18N_TEXT(E414_TEXT, "The address of this request is longer than this site accepts.",
    "此请求的地址超过了本站允许的长度。")
I18N_TEXT(E415_TITLE, "Unsupported form", "不支持的表单")
I18N_TEXT(E415_TEXT, "What was sent is not a form this site understands. "
    "Please send it again from the page.", "发送的内容不是本站能识别的表单。请从页面重新提交。")
I18N_TEXT(E500_TITLE, "Something went wrong", "出错了")
I18N_TEXT(E500_TEXT, "The site could not show this page because of a problem "
    "on our side. It has been logged; please try again in a moment.",
    "由于本站的问题，暂时无法显示此页面。问题已记录，请稍后再试。")

/* Signing in (signin.tpl, page_signin.c). */
I18N_ROW(SIGNIN_TITLE, "Sign in", "登录")
I18N_ROW(SIGNIN_NAME, "Account name", "账号")
I18N_ROW(SIGNIN_PASSWORD, "Password", "密码")
I18N_ROW(SIGNIN_BUTTON, "Sign in", "登录")
I18N_TEXT(SIGNIN_MISSING, "Please enter your account name and password.", "请输入账号和密码。")
I18N_TEXT(SIGNIN_BUSY, "You were not signed in: the site was busy saving another "
    "change. Please try again in a few seconds.",
    "未能登录：网站正忙于保存其他更改。请过几秒钟再试。")
I18N_TEXT(SIGNIN_FULL, "You could not be signed in: the server's disk is full. "
    "Please tell the site's operator.", "无法登录：服务器磁盘已满。请告知网站运维人员。")
I18N_TEXT(SIGNIN_WRONG, "That account name and password do not match. Please try again.",
    "账号与密码不匹配，请重试。")
I18N_TEXT(SIGNIN_THROTTLED_ONE, "Too many failed sign-ins. Please wait %ld minute and try again.",
    "登录失败次数过多。请等待 %ld 分钟后再试。")
I18N_TEXT(SIGNIN_THROTTLED_MANY, "Too many failed sign-ins. Please wait %ld minutes and try again.",
    "登录失败次数过多。请等待 %ld 分钟后再试。")
I18N_TEXT(SIGNIN_SIGNED_OUT, "You have signed out.", "您已退出登录。")

/* The dashboard (admin_dashboard.tpl, page_admin.c). */
I18N_ADMIN(DASH_WRITE, "Write a new article", "写一篇新文章")
I18N_ADMIN(DASH_ARTICLES, "Articles", "文章")
I18N_ADMIN(DASH_NO_ARTICLES, "No articles yet.", "还没有文章。")
I18N_ADMIN(COL_TITLE, "Title", "标题")
I18N_ADMIN(COL_STATUS, "Status", "状态")
I18N_ADMIN(COL_DATE, "Date", "日期")
I18N_ADMIN(COL_AUTHOR, "Author", "作者")
I18N_ADMIN(COL_VIEWS, "Views", "阅读")
I18N_ADMIN(COL_ACTIONS, "Actions", "操作")
I18N_ADMIN(DASH_EDIT, "Edit", "编辑")
I18N_ADMIN(DASH_DELETE, "Delete", "删除")
I18N_ADMIN(DASH_NEWER, "Newer articles", "较新的文章")
I18N_ADMIN(DASH_OLDER, "Older articles", "较早的文章")
I18N_ADMIN(DASH_ACTIVITY, "Recent activity", "最近动态")
I18N_ADMIN(DASH_NO_ACTIVITY, "Nothing yet.", "暂无记录。")
I18N_TEXT(STATUS_PUBLISHED, "Published", "已发布")
I18N_TEXT(STATUS_DRAFT, "Draft", "草稿")
I18N_TEXT(NOTICE_SAVED_DRAFT, "The draft was saved.", "草稿已保存。")
I18N_TEXT(NOTICE_SAVED_PUBLISHED, "The article was saved and is now on the site.",
    "文章已保存，现已在网站上发布。")
I18N_TEXT(NOTICE_DELETED, "The article was deleted. It is no longer on the site.",
    "文章已删除，网站上不再显示。")
/* The audit log's actions: the English text is what is stored (see
 * page_admin.c); a stored action not listed here is shown as stored. */
I18N_TEXT(AUDIT_SIGNED_IN, "signed in", "登录了")
I18N_TEXT(AUDIT_SIGNED_OUT, "signed out", "退出了登录")
I18N_TEXT(AUDIT_PUBLISHED, "published", "发布了")
I18N_TEXT(AUDIT_CREATED_DRAFT, "created a draft", "创建了草稿")
I18N_TEXT(AUDIT_UPDATED, "updated", "更新了")
I18N_TEXT(AUDIT_UNPUBLISHED, "unpublished", "撤回了")
I18N_TEXT(AUDIT_DELETED, "deleted", "删除了")

/* Deleting (admin_delete.tpl, page_admin_delete.c). */
I18N_TEXT(DELETE_TITLE, "Delete article", "删除文章")
I18N_ADMIN(DELETE_HEADING, "Delete this article?", "删除这篇文章？")
I18N_ADMIN(DELETE_EXPLAIN, "will be removed from the site: from its page, every "
    "list and every count. This cannot be undone.",
    "将从网站上删除：包括它的页面、所有列表和所有统计。此操作无法撤销。")
I18N_ADMIN(DELETE_CONFIRM, "Delete for good", "永久删除")
I18N_ADMIN(DELETE_CANCEL, "Keep it and go back", "保留并返回")

/* The editor (admin_article_form.tpl, page_admin_article.c). */
I18N_TEXT(EDIT_TITLE, "Edit article", "编辑文章")
I18N_TEXT(FORM_ERRORS, "Please correct the %d problem(s) marked below; nothing "
    "has been saved yet.", "请修改下面标出的 %d 处问题；目前还没有保存任何内容。")
I18N_ADMIN(PREVIEW_HEADING, "Preview (not saved yet)", "预览（尚未保存）")
I18N_ADMIN(FIELD_TITLE, "Title", "标题")
I18N_ADMIN(FIELD_AUTHOR, "Author", "作者")
I18N_ADMIN(FIELD_SOURCE, "Source (optional)", "来源（选填）")
I18N_ADMIN(SOURCE_HINT, "Where the article comes from, such as another organisation "
    "or publication; shown in the byline.", "文章的出处，例如其他单位或刊物；显示在署名行中。")
I18N_ADMIN(FIELD_DATE, "Publication date", "发布日期")
I18N_ADMIN(FIELD_SECTION, "Section", "栏目")
I18N_ADMIN(FIELD_BODY, "Body", "正文")
I18N_ADMIN(BODY_HINT, "Markdown: a blank line starts a new paragraph; **bold**, "
    "*italic*, [a link](https://example.org). HTML is not shown.",
    "Markdown 格式：空一行开始新段落；**粗体**、*斜体*、[链接](https://example.org)。HTML 不会显示。")
I18N_ADMIN(PHOTO_LEGEND, "Photo", "照片")
I18N_ADMIN(PHOTO_ALT_LABEL, "What the photo shows (for readers who cannot see it)",
    "照片内容说明（供看不到图片的读者使用）")
I18N_ADMIN(STATUS_LEGEND, "Status", "状态")
I18N_ADMIN(STATUS_PUBLISHED_LABEL, "Published: readers see it", "发布：读者可以看到")
I18N_ADMIN(STATUS_DRAFT_LABEL, "Draft: only administrators see it", "草稿：仅管理员可见")
I18N_ADMIN(PREVIEW_BUTTON, "Preview", "预览")
I18N_ADMIN(SAVE_BUTTON, "Save", "保存")
I18N_ADMIN(DELETE_LINK, "Delete this article", "删除这篇文章")
I18N_TEXT(NOTICE_PHOTO_ADDED, "The photo was added at the end of the body.",
    "照片已添加到正文末尾。")

/* The editor's validation messages (article_form.c, article_photo.c). */
I18N_TEXT(FORM_TITLE_TOO_LARGE, "The title is far too long.", "标题太长了。")
I18N_TEXT(FORM_TITLE_EMPTY, "Please give the article a title.", "请填写文章标题。")
I18N_TEXT(FORM_TITLE_LONG, "The title is longer than 300 characters; please shorten it.",
    "标题超过 300 个字符，请缩短。")
I18N_TEXT(FORM_TITLE_CONTROL, "The title holds an invisible control character; please retype it.",
    "标题中有不可见的控制字符，请重新输入。")
I18N_TEXT(FORM_AUTHOR_EMPTY, "Please say who wrote the article (a person or a department).",
    "请填写作者（个人或部门）。")
I18N_TEXT(FORM_AUTHOR_LONG, "The author line is longer than 120 characters; please shorten it.",
    "作者超过 120 个字符，请缩短。")
I18N_TEXT(FORM_AUTHOR_CONTROL, "The author line holds an invisible control character; "
    "please retype it.", "作者中有不可见的控制字符，请重新输入。")
I18N_TEXT(FORM_SOURCE_LONG, "The source is longer than 200 characters; please shorten it.",
    "来源超过 200 个字符，请缩短。")
I18N_TEXT(FORM_SOURCE_CONTROL, "The source holds an invisible control character; "
    "please retype it.", "来源中有不可见的控制字符，请重新输入。")
I18N_TEXT(FORM_DATE, "Please give a real date as YYYY-MM-DD, for example 2026-11-21.",
    "请按 YYYY-MM-DD 格式填写真实的日期，例如 2026-11-21。")
I18N_TEXT(FORM_SECTION, "Please choose a section.", "请选择栏目。")
I18N_TEXT(FORM_SECTION_GONE, "That section does not exist any more. Please choose another.",
    "该栏目已不存在，请选择其他栏目。")
I18N_TEXT(FORM_STATUS, "Please choose whether the article is a draft or published.",
    "请选择文章是草稿还是发布。")
I18N_TEXT(FORM_BODY_TOO_LONG, "The body is longer than 200,000 bytes; please shorten it.",
    "正文超过 200,000 字节，请删减。")
I18N_TEXT(FORM_BODY_CONTROL, "The body holds an invisible control character; please retype it.",
    "正文中有不可见的控制字符，请重新输入。")
I18N_TEXT(FORM_BODY_EMPTY, "A published article needs a body. Write one, or save it as a draft.",
    "发布的文章需要正文。请填写正文，或保存为草稿。")
I18N_TEXT(FORM_PHOTO_ALT, "The photo description is too long or holds control characters.",
    "照片说明过长，或含有控制字符。")
I18N_TEXT(PHOTO_LABEL, "Add a photo at the end of the body (JPEG, PNG, WebP or GIF, up to %s)",
    "在正文末尾添加一张照片（JPEG、PNG、WebP 或 GIF，不超过 %s）")
I18N_TEXT(PHOTO_TOO_LARGE, "The photo is larger than %s. Please make it smaller "
    "(for example, export it at 2000 pixels wide) and choose it again.",
    "照片大于 %s。请把它缩小（例如导出为 2000 像素宽）后重新选择。")
I18N_TEXT(PHOTO_BAD_NAME, "The photo's file name is not acceptable. Please rename "
    "the file and choose it again.", "照片的文件名不可用。请重命名文件后重新选择。")
I18N_TEXT(PHOTO_EMPTY, "The chosen file is empty.", "所选文件是空的。")
I18N_TEXT(PHOTO_NOT_IMAGE, "This file is not a photo the site can show. Please "
    "choose a JPEG, PNG, WebP or GIF image.",
    "这个文件不是本站能显示的照片。请选择 JPEG、PNG、WebP 或 GIF 图片。")
I18N_TEXT(PHOTO_WRONG_TYPE, "The file name ends in %s, but the file holds a %s image. "
    "Please save it again with the right type, or rename it.",
    "文件名以 %s 结尾，但文件实际是 %s 图片。请以正确的格式重新保存，或重命名文件。")
I18N_TEXT(PHOTO_NOT_STORED, "The photo could not be stored because of a problem on "
    "the server. Please try again.", "由于服务器的问题，照片未能保存。请重试。")
I18N_TEXT(PHOTO_BUSY, "The photo was not stored: the site was busy saving another "
    "change. Please choose it again and press Save in a few seconds.",
    "照片未能保存：网站正忙于保存其他更改。请过几秒钟后重新选择照片并按“保存”。")
I18N_TEXT(PHOTO_FULL, "The photo was not stored: the server's disk is full. "
    "Please tell the site's operator.", "照片未能保存：服务器磁盘已满。请告知网站运维人员。")

/* Saving or deleting failed on the server side (page_admin_article.c,
 * page_admin_delete.c): said above the form, which keeps what was typed. */
I18N_TEXT(SAVE_BUSY, "The article was not saved: the site was busy saving another "
    "change. Nothing was lost: your text is still in the form below. Please "
    "press Save again in a few seconds.",
    "文章未能保存：网站正忙于保存其他更改。内容没有丢失，仍在下面的表单中。请过几秒钟再按“保存”。")
I18N_TEXT(SAVE_FULL, "The article was not saved: the server's disk is full. "
    "Nothing was changed on the site, and your text is still in the form below: "
    "copy it somewhere safe and tell the site's operator.",
    "文章未能保存：服务器磁盘已满。网站上没有任何改动，您的内容仍在下面的表单中："
    "请把它复制到安全的地方，并告知网站运维人员。")
I18N_TEXT(SAVE_FAILED, "The article was not saved because of a problem on the "
    "server. Your text is still in the form below; please try again in a moment.",
    "由于服务器的问题，文章未能保存。您的内容仍在下面的表单中，请稍后再试。")
I18N_TEXT(DELETE_BUSY, "The article was not deleted: the site was busy saving "
    "another change. Please press the button again in a few seconds.",
    "文章未能删除：网站正忙于保存其他更改。请过几秒钟再按一次按钮。")
I18N_TEXT(DELETE_FULL, "The article was not deleted: the server's disk is full. "
    "Please tell the site's operator.", "文章未能删除：服务器磁盘已满。请告知网站运维人员。")
I18N_TEXT(DELETE_FAILED, "The article was not deleted because of a problem on the "
    "server. Please try again in a moment.", "由于服务器的问题，文章未能删除。请稍后再试。")
