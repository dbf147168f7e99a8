using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;

namespace Warta.Tests.Markets;

/// <summary>The admin's pages for market feeds under /redaksi/pasar/feed.</summary>
public class FeedPageTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    static Dictionary<string, string> Form(string name, string url, string symbols = "LQ45 EMAS") => new()
    {
        ["Form.Name"] = name, ["Form.Url"] = url, ["Form.Format"] = "json", ["Form.IntervalSeconds"] = "60", ["Form.Enabled"] = "true",
        ["Form.RecordsPath"] = "", ["Form.SymbolField"] = "kode", ["Form.ValueField"] = "harga", ["Form.TimeField"] = "",
        ["Form.PreviousCloseField"] = "", ["Form.Delimiter"] = ",", ["Form.HasHeader"] = "true", ["Form.DecimalMark"] = "comma",
        ["Form.ThousandsMark"] = "dot", ["Form.TimeFormat"] = "iso8601", ["Form.TimePattern"] = "", ["Form.SymbolMap"] = "XAU=EMAS",
        ["Form.Symbols"] = symbols, ["Form.AllowPrivateAddresses"] = "true",
    };

    async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, role);
        return await app.SignedInAsync(email);
    }

    static async Task<AngleSharp.Html.Dom.IHtmlDocument> FollowAsync(HttpClient browser, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return await browser.GetPageAsync(redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Only_admins_reach_the_feed_pages()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/redaksi/pasar/feed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/redaksi/masuk", response.Headers.Location!.PathAndQuery);

        var editor = await SignedInAsync(StaffRoles.Editor);
        var refused = await editor.GetAsync("/redaksi/pasar/feed/baru");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Nama", await refused.Content.ReadAsStringAsync());

        var admin = await SignedInAsync(StaffRoles.Admin);
        Assert.Equal("Feed pasar", (await admin.GetPageAsync("/redaksi/pasar/feed")).Text("h1"));
    }

    [Fact]
    public async Task A_wrong_form_is_refused_field_by_field_in_Indonesian_and_saves_nothing()
    {
        await app.TickerInstrumentsAsync();
        var admin = await SignedInAsync(StaffRoles.Admin);
        var form = Form("", "file:///etc/passwd", "LQ45 NOPE");
        form["Form.IntervalSeconds"] = "5";
        form["Form.DecimalMark"] = "dot";
        form["Form.ThousandsMark"] = "dot";
        form["Form.SymbolMap"] = "tanpa tanda sama dengan";
        var response = await admin.SubmitAsync("/redaksi/pasar/feed/baru", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Feed belum disimpan", html);
        Assert.Contains("Nama wajib diisi", html);
        Assert.Contains("Alamat harus URL http:// atau https://", html);
        Assert.Contains("Interval dalam detik, antara 10 dan 86400", html);
        Assert.Contains("Pemisah ribuan tidak boleh sama dengan tanda desimal", html);
        Assert.Contains("Instrumen tidak dikenal: NOPE", html);
        Assert.Contains("bukan KODE=SIMBOL", html);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).QuoteFeeds.AnyAsync(f => f.Url == "file:///etc/passwd"));

        var forged = await admin.PostAsync("/redaksi/pasar/feed/baru", new FormUrlEncodedContent(Form("Tanpa token", "https://vendor.example/q.json")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_a_feed_fetches_it_now_and_sees_success_or_the_reason_it_failed()
    {
        await app.TickerInstrumentsAsync();
        var admin = await SignedInAsync(StaffRoles.Admin);
        var down = false;
        await using var vendor = await FixtureServer.StartAsync(web => web.MapGet("/harga.json", () => down
            ? Results.StatusCode(503)
            : Results.Text("""[{"kode": "LQ45", "harga": "909,31"}, {"kode": "XAU", "harga": "1.354.000"}]""", "application/json")));

        var saved = await admin.SubmitAsync("/redaksi/pasar/feed/baru", Form("Vendor harian", vendor.Url("/harga.json").ToString()));
        var page = await FollowAsync(admin, saved);
        Assert.Equal("Feed disimpan.", page.Text(".notice"));
        Assert.Equal("belum pernah", page.Text("[data-status=success]"));
        var feedUrl = saved.Headers.Location!.OriginalString.Split('?')[0];

        var fetched = await FollowAsync(admin, await admin.SubmitAsync(feedUrl, [], feedUrl + "?handler=Fetch"));
        Assert.Equal("Feed diambil: 2 kutipan disimpan.", fetched.Text(".notice"));
        Assert.Contains("2 kutipan", fetched.Text("[data-status=success]"));
        Assert.Equal("0", fetched.Text("[data-status=failures]"));

        down = true;
        var failed = await FollowAsync(admin, await admin.SubmitAsync(feedUrl, [], feedUrl + "?handler=Fetch"));
        Assert.Contains("gagal", failed.Text(".notice"));
        Assert.Equal("1", failed.Text("[data-status=failures]"));
        Assert.Equal("Pengambilan gagal: The server answered 503 Service Unavailable.", failed.Text("[data-status=error]"));

        var list = await admin.GetPageAsync("/redaksi/pasar/feed");
        Assert.Contains("Gagal 1× berturut-turut", list.Text("tr[data-feed='Vendor harian'] .feed-status"));
    }
}
