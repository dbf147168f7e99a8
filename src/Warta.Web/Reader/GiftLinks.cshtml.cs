using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Data;

namespace Warta.Web.Reader;

/// <summary>A subscriber's gift links: make one for a premium story, see how often each was opened, revoke them.</summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class GiftLinksModel(GiftLinks gifts, WartaDb db, ReaderUserManager readers, TimeProvider clock, Shared.SiteOptions site) : ReaderAccountPage
{
    protected override string Title => "Tautan hadiah";

    /// <summary>The story a new link would open (from <c>?berita=</c>), when it is a published premium story.</summary>
    public (Guid Id, string Title)? Story { get; private set; }
    /// <summary>The address of the link just made: shown this once, since only its hash is kept.</summary>
    public string? NewLink { get; private set; }
    public string? Message { get; private set; }
    public int LeftThisMonth { get; private set; }
    public IReadOnlyList<GiftLinkRow> Links { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] Guid? berita) => await ShowAsync(berita);

    public async Task<IActionResult> OnPostCreateAsync([FromForm] Guid berita)
    {
        if (ReaderId() is not { } reader) return Challenge(ReaderAccess.Scheme);
        var (refusal, token) = await gifts.CreateAsync(reader, berita, HttpContext.RequestAborted);
        if (token is not null) NewLink = site.Absolute(GiftLink.UrlOf(token));
        Message = refusal switch
        {
            GiftRefusal.NotEntitled => "Tautan hadiah hanya untuk pelanggan dengan langganan aktif.",
            GiftRefusal.NotPremium => "Hanya artikel premium yang sudah terbit yang dapat dihadiahkan.",
            GiftRefusal.LimitReached => "Jatah tautan hadiah Anda bulan ini sudah habis.",
            _ => null,
        };
        if (refusal != GiftRefusal.None) Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(token is null ? berita : null);
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] Guid id)
    {
        if (ReaderId() is not { } reader) return Challenge(ReaderAccess.Scheme);
        await gifts.RevokeAsync(reader, id, HttpContext.RequestAborted);
        return RedirectToPage();
    }

    async Task<IActionResult> ShowAsync(Guid? story)
    {
        if (ReaderId() is not { } reader) return Challenge(ReaderAccess.Scheme);
        if (story is { } id
            && await StoryQueries.Visible(db, clock.GetUtcNow()).Where(a => a.Id == id && a.Premium).Select(a => a.Title).FirstOrDefaultAsync() is { } title)
            Story = (id, title);
        LeftThisMonth = await gifts.LeftThisMonthAsync(reader, HttpContext.RequestAborted);
        Links = await gifts.OfAsync(reader, HttpContext.RequestAborted);
        return Page();
    }

    Guid? ReaderId() => Guid.TryParse(readers.GetUserId(User), out var id) ? id : null;
}
