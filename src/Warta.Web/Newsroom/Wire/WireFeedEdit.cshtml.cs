using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom.Wire;

public sealed class WireFeedForm
{
    public string? Agency { get; set; }
    /// <summary><c>url</c> or <c>folder</c>.</summary>
    public string Kind { get; set; } = "url";
    public string? Url { get; set; }
    public string? DropFolder { get; set; }
    public int? IntervalMinutes { get; set; } = 5;
    public string? Channel { get; set; }
    public bool AllowPrivateAddresses { get; set; }
    public bool Enabled { get; set; } = true;
}

/// <summary>Adds (<c>/redaksi/wire/feed/baru</c>) or changes an agency source.</summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class WireFeedEditModel(WartaDb db, TimeProvider clock, WireIngest ingest) : StaffPage
{
    [BindProperty] public WireFeedForm Form { get; set; } = new();
    public int? FeedId { get; private set; }
    public IReadOnlyList<Channel> Channels { get; private set; } = [];
    public string DropRoot => ingest.DropRoot;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (FeedId is { } feedId)
        {
            var feed = await db.WireFeeds.AsNoTracking().Include(f => f.Channel).SingleAsync(f => f.Id == feedId);
            Form = new WireFeedForm
            {
                Agency = feed.Agency, Kind = feed.Url is null ? "folder" : "url", Url = feed.Url, DropFolder = feed.DropFolder,
                IntervalMinutes = feed.IntervalMinutes, Channel = feed.Channel.Slug, AllowPrivateAddresses = feed.AllowPrivateAddresses, Enabled = feed.Enabled,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // Only the form's own messages count: the binder's English ones (a letter in a number field) are replaced below.
        ModelState.Clear();
        var errors = new Errors();
        var agency = Form.Agency?.Trim();
        if (string.IsNullOrEmpty(agency)) errors.Add("Agency", "Nama agensi wajib diisi.");
        else if (agency.Length > 80) errors.Add("Agency", "Nama agensi paling panjang 80 karakter.");

        string? url = null, folder = null;
        if (Form.Kind == "folder")
        {
            folder = Form.DropFolder?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(folder) || !Slug.IsValid(folder))
                errors.Add("DropFolder", "Nama folder 1–80 karakter: huruf kecil a-z, angka dan tanda hubung.");
            else if (await db.WireFeeds.AnyAsync(f => f.DropFolder == folder && f.Id != (FeedId ?? 0)))
                errors.Add("DropFolder", "Folder ini sudah dipakai sumber lain.");
        }
        else if (Form.Kind == "url")
        {
            url = Form.Url?.Trim();
            if (string.IsNullOrEmpty(url)) errors.Add("Url", "Alamat feed wajib diisi.");
            else if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.UserInfo.Length > 0)
                errors.Add("Url", "Alamat feed harus alamat http:// atau https:// yang lengkap (tanpa nama pengguna dan sandi).");
        }
        else errors.Add("Kind", "Pilih feed (alamat) atau folder kiriman.");

        if (Form.IntervalMinutes is not (>= 1 and <= 1440)) errors.Add("IntervalMinutes", "Interval antara 1 dan 1440 menit.");
        var channel = Channels.FirstOrDefault(c => c.Slug == Form.Channel);
        if (channel is null) errors.Add("Channel", "Pilih kanal tujuan.");
        if (errors.Any)
        {
            errors.ShowOn(ModelState, "Form.");
            return Page();
        }

        var now = clock.GetUtcNow();
        var feed = FeedId is { } feedId ? await db.WireFeeds.SingleAsync(f => f.Id == feedId) : db.WireFeeds.Add(new WireFeed { Agency = "", CreatedAt = now }).Entity;
        feed.Agency = agency!;
        feed.Url = url;
        feed.DropFolder = folder;
        feed.IntervalMinutes = Form.IntervalMinutes!.Value;
        feed.ChannelId = channel!.Id;
        feed.AllowPrivateAddresses = url is not null && Form.AllowPrivateAddresses;
        feed.Enabled = Form.Enabled;
        // A new or changed source is read at the worker's next round.
        feed.NextPollAt = now;
        AuditLog.Add(db, clock, HttpContext, FeedId is null ? AuditActions.WireFeedCreate : AuditActions.WireFeedSave, $"wire:{agency}",
            url ?? "folder " + folder);
        await db.SaveChangesAsync();
        if (folder is not null) Directory.CreateDirectory(Path.Combine(ingest.DropRoot, folder));
        return Redirect("/redaksi/wire/feed");
    }

    async Task<bool> LoadAsync(string id)
    {
        Channels = await db.Channels.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync();
        if (id == "baru") return true;
        if (!int.TryParse(id, out var feedId) || !await db.WireFeeds.AnyAsync(f => f.Id == feedId)) return false;
        FeedId = feedId;
        return true;
    }
}
