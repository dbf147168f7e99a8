using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Security;

/// <summary>Issue 8, items 5 and 9 as a writer would try them: other writers' headlines, GETs that change state, long-lived previews, link targets, clashing instruments.</summary>
public class NewsroomAbuseTests(StaffFactory app) : IClassFixture<StaffFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_writer_cannot_read_another_writers_unpublished_headline_through_baca_juga()
    {
        var other = await app.StaffAsync(StaffRoles.Writer, "Penulis Lain");
        var secretId = await other.DraftAsync("Rahasia Merger Bank Belum Terbit");
        var secretSlug = (await app.ArticleAsync(secretId)).Slug;
        var api = await app.ApiClientAsync();
        var scheduled = await api.PublishAsync(new Dictionary<string, object?>(NewsroomApi.Story("Jadwal Rahasia Dividen", status: "scheduled"))
        {
            ["publishedAt"] = app.Clock.GetUtcNow().AddDays(2),
        });
        var published = await api.PublishAsync(NewsroomApi.Story("Berita Terbit Untuk Baca Juga"));

        var writer = await app.StaffAsync(StaffRoles.Writer, "Penulis Penasaran");
        foreach (var related in new[] { secretId.ToString(), "/berita/" + secretSlug, scheduled.Id.ToString(), scheduled.Url })
        {
            var fields = StaffClient.Story("Draf Saya");
            fields["Form.Related"] = related;
            fields["action"] = "simpan";
            var (_, page, _) = await writer.PostFormAsync($"/redaksi/sunting/{Guid.CreateVersion7()}", fields);
            Assert.NotNull(page.QuerySelector("li[data-field=related]"));
            Assert.DoesNotContain("Rahasia", page.Body!.TextContent);
        }

        // A published story is fine, and its headline is shown.
        var ok = StaffClient.Story("Draf Dengan Baca Juga");
        ok["Form.Related"] = published.Url;
        ok["action"] = "simpan";
        var id = Guid.CreateVersion7();
        var (status, _, _) = await writer.PostFormAsync($"/redaksi/sunting/{id}", ok);
        Assert.Equal(HttpStatusCode.Redirect, status);
        var editor = await writer.Http.GetPageAsync($"/redaksi/sunting/{id}");
        Assert.Equal("Berita Terbit Untuk Baca Juga", editor.Text(".related-list li"));
    }

    [Fact]
    public async Task Opening_the_two_factor_page_changes_nothing_only_its_form_makes_a_key()
    {
        var email = $"dua-{Guid.NewGuid():N}@warta.local";
        var user = await app.AddStaffAsync(email, StaffRoles.Writer);
        var browser = await app.SignedInAsync(email);
        async Task<string?> StampAsync() => await app.InDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync());
        var stamp = await StampAsync();

        // What a cross-site link or image would trigger.
        var page = await browser.GetPageAsync("/redaksi/profil/dua-langkah");
        await browser.GetPageAsync("/redaksi/profil/dua-langkah?handler=Key");
        Assert.Equal(stamp, await StampAsync());
        Assert.Null(page.QuerySelector(".shared-key"));

        var made = await (await browser.SubmitAsync("/redaksi/profil/dua-langkah", new(), "/redaksi/profil/dua-langkah?handler=Key")).DocumentAsync();
        Assert.NotNull(made.QuerySelector(".shared-key"));
        Assert.NotEqual(stamp, await StampAsync());
        Assert.Equal(HttpStatusCode.OK, await browser.StatusOfAsync("/redaksi"));
    }

    [Fact]
    public async Task A_preview_link_lasts_at_most_seven_days_whatever_is_asked()
    {
        var writer = await app.StaffAsync(StaffRoles.Writer, "Penulis Pratinjau");
        var id = await writer.DraftAsync("Draf Pratinjau Panjang");
        var (_, page, _) = await writer.PostFormAsync($"/redaksi/sunting/{id}?handler=PreviewLink", new Dictionary<string, string?> { ["hours"] = (24 * 14).ToString() });
        var url = new Uri(page.QuerySelector("a.new-preview-link")!.GetAttribute("href")!, UriKind.Relative).ToString();
        var expires = await app.InDbAsync(db => db.PreviewLinks.Where(l => l.ArticleId == id).Select(l => new { l.CreatedAt, l.ExpiresAt }).SingleAsync());
        Assert.Equal(TimeSpan.FromDays(7), expires.ExpiresAt - expires.CreatedAt);

        // A link made before this limit, for fourteen days, stops working after seven all the same.
        var token = PreviewLink.NewToken();
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var now = app.Clock.GetUtcNow();
            db.PreviewLinks.Add(new PreviewLink { Id = Guid.CreateVersion7(), ArticleId = id, TokenHash = PreviewLink.Hash(token), CreatedByName = "Lama", CreatedAt = now, ExpiresAt = now.AddDays(14) });
            await db.SaveChangesAsync();
        }
        var stranger = app.ReaderClient();
        await stranger.GetPageAsync(url);
        await stranger.GetPageAsync(PreviewLink.UrlOf(token));
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await stranger.GetPageAsync(url, 404);
        await stranger.GetPageAsync(PreviewLink.UrlOf(token), 404);
    }

    [Theory]
    [InlineData("<a href=\"//lain.example/x\">a</a>")]
    [InlineData("<a href=\"https://lain.example/x\">a</a>")]
    [InlineData("<a href=\"HTTP://lain.example/x\">a</a>")]
    public async Task Body_links_to_other_hosts_get_noopener_nofollow(string link)
    {
        var api = await app.ApiClientAsync();
        var story = NewsroomApi.Story("Tautan Keluar " + Guid.NewGuid().ToString("N")[..6]);
        story["body"] = $"<p>Baca {link} dan <a href=\"/kanal/ekonomi\">kanal</a>.</p>";
        var saved = await api.PublishAsync(story);
        var body = await app.InDbAsync(db => db.Articles.Where(a => a.Id == saved.Id).Select(a => a.Body).SingleAsync());
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        var links = document.QuerySelectorAll("a").ToList();
        Assert.Equal("noopener nofollow", links[0].GetAttribute("rel"));
        Assert.Null(links[1].GetAttribute("rel"));
    }

    [Fact]
    public async Task An_instrument_whose_page_address_clashes_with_another_is_refused_naming_the_symbol()
    {
        var api = await app.ApiClientAsync();
        var first = await api.PutAsJsonAsync("/api/admin/instruments/USD%2FIDR", new { label = "USD/IDR", kind = "fx", decimals = 0 });
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        var problem = await (await api.PutAsJsonAsync("/api/admin/instruments/USD-IDR", new { label = "Dolar", kind = "fx", decimals = 0 })).ProblemAsync();
        Assert.Equal(["symbol"], problem.ErrorFields());
        Assert.Contains("/indikator/usd-idr", problem.GetProperty("errors").GetProperty("symbol")[0].GetString());
        Assert.False(await app.InDbAsync(db => db.Instruments.AnyAsync(i => i.Symbol == "USD-IDR")));
        // Saving the first again is an update, not a clash.
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/admin/instruments/USD%2FIDR", new { label = "USD/IDR", kind = "fx", decimals = 0 })).StatusCode);
    }
}
