using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;

namespace Warta.Web.Reader;

public sealed class ArticleModel(StoryQueries queries, SiteOptions site, PaywallGate paywall, GiftLinks gifts, IRelatedStories related, ArticleSnapshots snapshots) : SitePage
{
    // Leased only when a page needs the database (a preview, a gift link, a story not kept yet): a published story is
    // served from its kept snapshot, and leasing a context for nothing was a cost on every page.
    WartaDb Db => HttpContext.RequestServices.GetRequiredService<WartaDb>();

    public const int BacaJugaCount = 3;
    /// <summary>How many related stories "Lainnya tentang ini" lists after the story, besides those already in Baca Juga.</summary>
    public const int MoreCount = 4;

    public Article Article { get; private set; } = null!;
    public Person? Columnist { get; private set; }
    public string CreditLine { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    public int CurrentPage { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public IReadOnlyList<Tag> Tags { get; private set; } = [];
    public IReadOnlyList<ArticleCorrection> Corrections { get; private set; } = [];
    /// <summary>"Lainnya tentang ini": related stories not already offered as Baca Juga.</summary>
    public IReadOnlyList<RelatedStory> More { get; private set; } = [];
    /// <summary>The newsroom editor's address for signed-in staff who may open this story; null for every reader.</summary>
    public string? EditUrl { get; private set; }
    /// <summary>A story shown by a preview link or to staff before (or instead of) publication: not indexed, never cached.</summary>
    public bool IsPreview { get; private set; }

    /// <summary>How much of the story this request gets, and why (the paywall's one decision).</summary>
    public PaywallDecision Access { get; private set; } = null!;
    /// <summary>Premium reads left on the meter this month, shown under a story the meter opened.</summary>
    public int? ReadsLeft { get; private set; }
    /// <summary>The story's public summary: the page description, its social cards and its structured data.</summary>
    public string Summary { get; private set; } = "";
    /// <summary>NewsArticle (or OpinionNewsArticle) structured data; null on previews.</summary>
    public string? JsonLd { get; private set; }
    /// <summary>Beranda › channel › story; null on previews.</summary>
    public string? BreadcrumbJsonLd { get; private set; }

    protected override bool Indexable => !IsPreview;

    public async Task<IActionResult> OnGetAsync([FromRoute] string? slug, [FromRoute] string? token, [FromRoute] Guid? id, [FromRoute] string? gift, [FromQuery] string? halaman)
    {
        var now = queries.Now;
        var aborted = HttpContext.RequestAborted;
        ArticleSnapshot? story;
        if (gift is not null)
        {
            // A gift link is for whoever holds it: never shared, never indexed; the story's own address stays canonical.
            if (await gifts.ArticleOfAsync(gift, aborted) is not { } gifted) return NotFound();
            story = await snapshots.MakeAsync(Db, StoryQueries.Visible(Db, now).Where(a => a.Id == gifted), aborted);
            Response.Headers.CacheControl = "private, no-store";
            Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        }
        else if (token is not null || id is not null)
        {
            if (await PreviewSourceAsync(token, id, now) is not { } previewed) return NotFound();
            IsPreview = true;
            story = await snapshots.MakeAsync(Db, Db.Articles.AsNoTracking().Where(a => a.Id == previewed), aborted);
            Response.Headers.CacheControl = "private, no-store";
            Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        }
        else
        {
            story = slug is null ? null : await snapshots.PublishedAsync(HttpContext.RequestServices, slug, aborted);
            // Published with a time still ahead: not out yet.
            if (story is not null && (story.Article.PublishedAt is not { } published || published > now)) story = null;
        }
        if (story is null) return NotFound();
        var article = story.Article;
        if (!IsPreview) CacheTags.Tag(HttpContext, CacheTags.Article(article.Id));

        Article = article;
        CurrentChannel = article.Channel.Slug;
        Columnist = article.Kind == ArticleKind.Opinion ? article.Columnist : null;
        Tags = story.Tags;
        CanonicalPath = IsPreview ? Request.Path.Value! : StoryLinks.UrlOf(article.Slug);
        CreditLine = story.CreditLine;
        Corrections = story.Corrections;
        if (Actor.From(User) is { UserId: not null } staff && StoryAccess.CanRead(staff, article.OwnerId))
        {
            // Staff requests bypass the shared cache (their cookie); this also keeps browsers and proxies from storing the link.
            EditUrl = "/redaksi/sunting/" + article.Id;
            Response.Headers.CacheControl = "private, no-store";
        }
        CurrentPage = PageNumber(halaman);
        if (CurrentPage > story.Pages.Count) return NotFound();

        Access = await paywall.DecideAsync(HttpContext, article, gift, IsPreview);
        // Only free stories and the cut every reader without reads left gets may be kept for others.
        if (!Access.Shareable) Response.Headers.CacheControl = "private, no-store";
        PageCount = story.Pages.Count;
        if (!Access.Full)
        {
            // The paywall cuts premium stories only; the cut was rendered on its own, from the free paragraphs alone.
            CurrentPage = 1;
            PageCount = 1;
        }
        ReadsLeft = Access.ReadsLeft;

        var relatedStories = await related.ForAsync(article, BacaJugaCount + MoreCount);
        var links = BacaJuga(story, now, relatedStories);
        More = relatedStories.Where(r => !links.Any(l => l.Url == r.Url)).Take(MoreCount).ToList();
        BodyHtml = story.BodyHtml(cut: !Access.Full, CurrentPage, links);
        var title = article.SeoTitle ?? article.Title;
        PageTitle = CurrentPage > 1 ? $"{title} (Halaman {CurrentPage})" : title;
        Summary = story.Summary;
        Description = Summary;
        SocialTitle = article.Title;
        SocialType = "article";
        if (article.ImageId is { } image) SocialImage = site.Absolute(MediaUrls.FallbackUrl(image, article.Image!.Width, 1200));
        if (!IsPreview)
        {
            JsonLd = story.JsonLd;
            BreadcrumbJsonLd = story.BreadcrumbJsonLd;
        }
        return Page();
    }

    /// <summary>The story a preview link (valid, unexpired, unrevoked) or a staff member who may read it asks for.</summary>
    async Task<Guid?> PreviewSourceAsync(string? token, Guid? id, DateTimeOffset now)
    {
        if (token is not null)
        {
            if (token.Length is < 20 or > 100) return null;
            var hash = PreviewLink.Hash(token);
            return await Db.PreviewLinks.AsNoTracking().Where(l => l.TokenHash == hash && l.RevokedAt == null && l.ExpiresAt > now
                    && l.CreatedAt > now.AddHours(-PreviewLink.MaxHours))
                .Select(l => (Guid?)l.ArticleId).FirstOrDefaultAsync();
        }
        if (Actor.From(User) is not { } actor) return null;
        var owner = await Db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.OwnerId }).SingleOrDefaultAsync();
        return owner is not null && StoryAccess.CanRead(actor, owner.OwnerId) ? owner.Id : null;
    }

    /// <summary>
    /// <c>Reporter: A | Sumber: Reuters | Editor: B</c>: every credit the story has, in the portal's order; agency copy
    /// without a reporter is <c>Sumber: Reuters | Editor: B</c>.
    /// </summary>
    public static string Credits(Article article)
    {
        var parts = new List<string>();
        if (article.Reporters.Count > 0)
            parts.Add("Reporter: " + string.Join(", ", article.Reporters.OrderBy(r => r.Order).Select(r => Link(r.Person))));
        else if (article.Kind == ArticleKind.Opinion && article.Columnist is { } columnist)
            parts.Add("Penulis: " + Link(columnist));
        if (article.Source is not null) parts.Add("Sumber: " + WebUtility.HtmlEncode(article.Source));
        if (article.Editor is { } editor) parts.Add("Editor: " + Link(editor));
        return string.Join(" | ", parts);

        static string Link(Person p) => $"<a href=\"{WebUtility.HtmlEncode(AuthorLinks.UrlOf(p.Slug))}\">{WebUtility.HtmlEncode(p.Name)}</a>";
    }

    /// <summary>The editor's picks that are published, in order; when there are none, the first related stories.</summary>
    static IReadOnlyList<BacaJugaLink> BacaJuga(ArticleSnapshot story, DateTimeOffset now, IReadOnlyList<RelatedStory> relatedStories)
    {
        var links = story.Picks.Where(p => p.PublishedAt <= now).Select(p => p.Link).ToList();
        if (links.Count > 0) return links;
        return relatedStories.Take(BacaJugaCount).Select(r => new BacaJugaLink(r.Title, r.Url)).ToList();
    }
}
