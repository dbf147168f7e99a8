using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using static Warta.Tests.Newsroom.WireFixtures;

namespace Warta.Tests.Newsroom;

public class WirePagesTests(WireWartaFactory app) : IClassFixture<WireWartaFactory>
{
    static readonly DateTimeOffset Morning = new(2026, 11, 29, 1, 30, 0, TimeSpan.Zero);

    async Task<HttpClient> SignInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, role);
        return await app.SignedInAsync(email);
    }

    static Task<HttpResponseMessage> FetchNowAsync(HttpClient admin, int feedId) =>
        admin.SubmitAsync("/redaksi/wire/feed", [], $"/redaksi/wire/feed?handler=Fetch&id={feedId}");

    [Fact]
    public async Task An_admin_adds_a_feed_fetches_it_and_an_editor_finds_the_drafts_on_the_wire_desk()
    {
        await (await app.ApiClientAsync()).EnsureChannelAsync("ekonomi", "Ekonomi");
        await using var agency = await FixtureServer.StartAsync(web => web.MapGet("/antara.xml", () => Results.Text(
            Rss(new Item("p-1", "Neraca Dagang Surplus", "<p>Surplus berlanjut.</p>", Morning)), "application/rss+xml")));
        var admin = await SignInAsync(StaffRoles.Admin);

        // A bad form is refused field by field, in Indonesian, and saves nothing.
        var bad = await admin.SubmitAsync("/redaksi/wire/feed/baru", new()
        {
            ["Form.Agency"] = "", ["Form.Kind"] = "url", ["Form.Url"] = "file:///etc/passwd", ["Form.IntervalMinutes"] = "0", ["Form.Channel"] = "tidak-ada",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        foreach (var message in new[] { "Nama agensi wajib diisi.", "Alamat feed harus alamat http:// atau https://", "Interval antara 1 dan 1440 menit.", "Pilih kanal tujuan." })
            Assert.Contains(message, page);
        using (var scope = app.Services.CreateScope()) Assert.False(await app.Db(scope).WireFeeds.AnyAsync(f => f.Agency == ""));

        // Without the antiforgery token the form is not taken.
        var forged = await admin.PostAsync("/redaksi/wire/feed/baru", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Agency"] = "Palsu", ["Form.Kind"] = "url", ["Form.Url"] = "https://x.example/", ["Form.IntervalMinutes"] = "5", ["Form.Channel"] = "ekonomi",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var saved = await admin.SubmitAsync("/redaksi/wire/feed/baru", new()
        {
            ["Form.Agency"] = "Antara", ["Form.Kind"] = "url", ["Form.Url"] = agency.Url("/antara.xml").AbsoluteUri, ["Form.IntervalMinutes"] = "10",
            ["Form.Channel"] = "ekonomi", ["Form.AllowPrivateAddresses"] = "true", ["Form.Enabled"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        int feedId;
        using (var scope = app.Services.CreateScope())
            feedId = await app.Db(scope).WireFeeds.Where(f => f.Agency == "Antara" && f.IntervalMinutes == 10).Select(f => f.Id).SingleAsync();

        var list = await admin.GetPageAsync("/redaksi/wire/feed");
        Assert.Contains("Belum pernah diambil", list.QuerySelector($"tr[data-feed='{feedId}'] .feed-state")!.TextContent);
        var fetched = await FetchNowAsync(admin, feedId);
        Assert.Equal(HttpStatusCode.Redirect, fetched.StatusCode);
        list = await admin.GetPageAsync("/redaksi/wire/feed");
        Assert.Contains("Berhasil diambil: 1 berita baru", list.QuerySelector(".notice")!.TextContent);
        Assert.Contains("Lancar", list.QuerySelector($"tr[data-feed='{feedId}'] .feed-state")!.TextContent);

        var editor = await SignInAsync(StaffRoles.Editor);
        var desk = await editor.GetPageAsync("/redaksi/wire");
        var row = desk.QuerySelectorAll(".wire-desk tbody tr").Single(r => r.TextContent.Contains("Neraca Dagang Surplus"));
        Assert.Contains("Antara", row.TextContent);
        Assert.Contains("Belum disunting", row.QuerySelector(".wire-state")!.TextContent);
        Assert.Contains("29 November 2026", row.TextContent);
        Assert.StartsWith("/redaksi/sunting/", row.QuerySelector("td a")!.GetAttribute("href"));

        // Editors read the desk but do not configure sources; writers do neither.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/redaksi/wire/feed")).StatusCode);
        var writer = await SignInAsync(StaffRoles.Writer);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/redaksi/wire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/redaksi/wire/feed/baru")).StatusCode);
    }

    [Fact]
    public async Task A_failing_feed_shows_the_admin_why()
    {
        await (await app.ApiClientAsync()).EnsureChannelAsync("ekonomi", "Ekonomi");
        await using var agency = await FixtureServer.StartAsync(web => web.MapGet("/rusak.xml", () => Results.Text(BillionLaughs(), "application/xml")));
        var admin = await SignInAsync(StaffRoles.Admin);
        int feedId;
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var feed = db.WireFeeds.Add(new Warta.Web.Newsroom.Wire.WireFeed
            {
                Agency = "Agensi Rusak", Url = agency.Url("/rusak.xml").AbsoluteUri, AllowPrivateAddresses = true,
                ChannelId = await db.Channels.Where(c => c.Slug == "ekonomi").Select(c => c.Id).SingleAsync(), NextPollAt = app.Clock.GetUtcNow(),
            }).Entity;
            await db.SaveChangesAsync();
            feedId = feed.Id;
        }
        await FetchNowAsync(admin, feedId);
        var list = await admin.GetPageAsync("/redaksi/wire/feed");
        var state = list.QuerySelector($"tr[data-feed='{feedId}'] .feed-state")!.TextContent;
        Assert.Contains("Gagal 1× berturut-turut", state);
        Assert.Contains("DTD", list.QuerySelector($"tr[data-feed='{feedId}'] .last-error")!.TextContent);
        Assert.Contains("Gagal: Feed memuat DTD", list.QuerySelector(".notice")!.TextContent);
    }
}
