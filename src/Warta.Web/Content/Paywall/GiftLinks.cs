using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Content.Paywall;

/// <summary>A gift link as its giver sees it in their list.</summary>
public sealed record GiftLinkRow(Guid Id, string Title, string Slug, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, int Opens, DateTimeOffset? LastOpenedAt);

/// <summary>Why a gift link was not made.</summary>
public enum GiftRefusal
{
    None,
    /// <summary>Only a reader whose plan covers now may give.</summary>
    NotEntitled,
    /// <summary>Not a published premium story.</summary>
    NotPremium,
    /// <summary>The month's gift links are used up.</summary>
    LimitReached,
}

/// <summary>
/// The one way gift links are made, opened and revoked. A subscriber may make <see cref="PaywallOptions.GiftLinksPerMonth"/>
/// a calendar month in WIB (a revoked link still counts: revoking is not a way to give more); anyone opening a link that
/// holds reads that story in full, and each such open is counted.
/// </summary>
public sealed class GiftLinks(IServiceProvider services, Allowances allowances, Entitlements entitlements, PaywallOptions options, TimeProvider clock)
{
    // The scope's context, leased when first used: a free story's page for a reader without a meter needs none.
    WartaDb Db => services.GetRequiredService<WartaDb>();

    public static string GiftKey(Guid readerId) => "g:" + readerId.ToString("N");

    /// <summary>Makes a link to <paramref name="articleId"/> for <paramref name="giverId"/>; the token is returned once and never stored.</summary>
    public async Task<(GiftRefusal Refusal, string? Token)> CreateAsync(Guid giverId, Guid articleId, CancellationToken ct = default)
    {
        if (!await entitlements.HasPremiumAsync(giverId, ct)) return (GiftRefusal.NotEntitled, null);
        if (!await StoryQueries.Visible(Db, clock.GetUtcNow()).AnyAsync(a => a.Id == articleId && a.Premium, ct)) return (GiftRefusal.NotPremium, null);
        var token = PreviewLink.NewToken();
        var made = await allowances.UseAsync(GiftKey(giverId), options.GiftLinksPerMonth, () => Db.GiftLinks.Add(new GiftLink
        {
            Id = Guid.CreateVersion7(), ArticleId = articleId, GiverId = giverId, TokenHash = ApiAuth.Hash(token), CreatedAt = clock.GetUtcNow(),
        }), ct);
        return made ? (GiftRefusal.None, token) : (GiftRefusal.LimitReached, null);
    }

    /// <summary>The story a gift token names, revoked or not (a revoked link still leads to the story, cut), or null.</summary>
    public Task<Guid?> ArticleOfAsync(string token, CancellationToken ct = default)
    {
        if (token.Length is < 20 or > 100) return Task.FromResult<Guid?>(null);
        var hash = ApiAuth.Hash(token);
        return Db.GiftLinks.AsNoTracking().Where(g => g.TokenHash == hash).Select(g => (Guid?)g.ArticleId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Counts an open and says whether the link opens <paramref name="articleId"/> in full: it names it and is not revoked.</summary>
    public async Task<bool> OpenAsync(string token, Guid articleId, CancellationToken ct = default)
    {
        if (token.Length is < 20 or > 100) return false;
        var hash = ApiAuth.Hash(token);
        var now = clock.GetUtcNow();
        return await Db.GiftLinks.Where(g => g.TokenHash == hash && g.ArticleId == articleId && g.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Opens, g => g.Opens + 1).SetProperty(g => g.LastOpenedAt, now), ct) == 1;
    }

    /// <summary>Revokes one of the giver's own links; false when it is not theirs or was revoked already.</summary>
    public async Task<bool> RevokeAsync(Guid giverId, Guid linkId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await Db.GiftLinks.Where(g => g.Id == linkId && g.GiverId == giverId && g.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now), ct) == 1;
    }

    public Task<List<GiftLinkRow>> OfAsync(Guid giverId, CancellationToken ct = default) =>
        Db.GiftLinks.AsNoTracking().Where(g => g.GiverId == giverId).OrderByDescending(g => g.CreatedAt)
            .Join(Db.Articles, g => g.ArticleId, a => a.Id, (g, a) => new GiftLinkRow(g.Id, a.Title, a.Slug, g.CreatedAt, g.RevokedAt, g.Opens, g.LastOpenedAt))
            .ToListAsync(ct);

    /// <summary>How many more links the giver may make this month.</summary>
    public async Task<int> LeftThisMonthAsync(Guid giverId, CancellationToken ct = default) =>
        Math.Max(0, options.GiftLinksPerMonth - await allowances.UsedAsync(GiftKey(giverId), ct));
}
