using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reader;

public class CachingAndPromoTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    const string Phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

    async Task<HttpClient> AdminAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        return api;
    }

    [Fact]
    public async Task The_top_banner_shows_until_dismissed_and_returns_when_it_changes()
    {
        var api = await AdminAsync();
        var put = await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "<strong>Langganan</strong> Premium <script>x()</script>", url = "/langganan", dismissible = true });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var reader = app.ReaderClient();
        var home = await reader.GetPageAsync("/");
        Assert.Equal("Langganan Premium", home.Text("#promo-top a"));
        Assert.DoesNotContain("script", home.QuerySelector("#promo-top")!.InnerHtml);

        var close = await reader.PostAsync("/promo/tutup/top", new FormUrlEncodedContent(new Dictionary<string, string> { ["kembali"] = "/kanal/ekonomi" }));
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.Equal("/kanal/ekonomi", close.Headers.Location!.OriginalString);
        var cookie = close.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("warta_promo_top=", StringComparison.Ordinal)).Split(';')[0];

        var dismissed = new HttpRequestMessage(HttpMethod.Get, "/");
        dismissed.Headers.Add("Cookie", cookie);
        dismissed.Headers.UserAgent.ParseAdd(Phone);
        var page = await reader.SendAsync(dismissed);
        Assert.DoesNotContain("promo-top", await page.Content.ReadAsStringAsync());
        // Another reader, served from the same cache, still sees the banner.
        Assert.NotNull((await app.ReaderClient().GetPageAsync("/")).QuerySelector("#promo-top"));

        await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "Promo baru: diskon 50%", dismissible = true });
        var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.Add("Cookie", cookie);
        Assert.Contains("Promo baru", await (await reader.SendAsync(again)).Content.ReadAsStringAsync());

        var offsite = await reader.PostAsync("/promo/tutup/top", new FormUrlEncodedContent(new Dictionary<string, string> { ["kembali"] = "//jahat.example/" }));
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_popup_is_scheduled_and_frequency_capped()
    {
        var api = await AdminAsync();
        var now = app.Clock.GetUtcNow();
        await api.PutAsJsonAsync("/api/admin/promos/popup", new { html = "<p>Kelas Academy</p>", url = "/akademi", startsAt = now.AddHours(1), endsAt = now.AddDays(2), frequencyHours = 12 });
        await app.Services.GetRequiredService<Warta.Web.Shared.PageCache>().EvictAsync(Warta.Web.Shared.CacheTags.Lists);
        Assert.Null((await app.ReaderClient().GetPageAsync("/")).QuerySelector("#promo-popup"));

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Services.GetRequiredService<Warta.Web.Shared.PageCache>().EvictAsync(Warta.Web.Shared.CacheTags.Lists);
        var popup = (await app.ReaderClient().GetPageAsync("/")).QuerySelector("#promo-popup")!;
        Assert.True(popup.HasAttribute("hidden"), "the popup never blocks a reader without JavaScript");
        Assert.Equal("12", popup.GetAttribute("data-hours"));

        var close = await app.ReaderClient().PostAsync("/promo/tutup/popup", new FormUrlEncodedContent(new Dictionary<string, string> { ["kembali"] = "/" }));
        Assert.Contains(close.Headers.GetValues("Set-Cookie"), c => c.StartsWith("warta_promo_popup=", StringComparison.Ordinal) && c.Contains("max-age=43200", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Bad_promos_are_refused_and_change_nothing()
    {
        var api = await AdminAsync();
        var problem = await (await api.PutAsJsonAsync("/api/admin/promos/samping", new { html = "x" })).ProblemAsync();
        Assert.Contains("slot", problem.ErrorFields());
        problem = await (await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "x", url = "javascript:alert(1)" })).ProblemAsync();
        Assert.Contains("url", problem.ErrorFields());
        problem = await (await api.PutAsJsonAsync("/api/admin/promos/popup", new { html = "<script>x</script>" })).ProblemAsync();
        Assert.Contains("html", problem.ErrorFields());
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Promos.AnyAsync(p => p.Slot == "popup" && p.Html.Contains("script")));
    }

    [Fact]
    public async Task A_new_course_appears_in_the_academy_block()
    {
        var api = await AdminAsync();
        var start = new DateTimeOffset(2023, 5, 20, 9, 0, 0, TimeSpan.FromHours(7));
        var created = await api.PostAsJsonAsync("/api/admin/courses", new
        {
            title = "Membaca Arus Kas Emiten", startsAt = start, endsAt = start.AddHours(6), price = 750000, seats = 40,
            hashtags = new[] { "#BisnisJangkaPanjang", "ArusKas" }, summary = "Kelas sehari.",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var home = await app.ReaderClient().GetPageAsync("/");
        var course = home.QuerySelectorAll(".academy .course").Single(c => c.TextContent.Contains("Membaca Arus Kas Emiten"));
        Assert.Equal("Rp 750.000", course.QuerySelector(".price")!.TextContent);
        Assert.Equal("#BisnisJangkaPanjang #ArusKas", course.QuerySelector(".hashtags")!.TextContent);
        Assert.Equal("Sabtu, 20 Mei 2023 / 09:00 WIB", course.QuerySelector(".meta")!.TextContent);

        var bad = await api.PostAsJsonAsync("/api/admin/courses", new { title = "", startsAt = start, endsAt = start.AddHours(-1), price = -1, seats = 0 });
        Assert.Equal(["endsAt", "price", "seats", "title"], (await bad.ProblemAsync()).ErrorFields().Order());
    }

    [Fact]
    public async Task A_renamed_channel_shows_at_once_and_bad_slugs_are_refused()
    {
        var api = await AdminAsync();
        await app.ReaderClient().GetPageAsync("/");
        await api.EnsureChannelAsync("ekonomi", "Ekonomi Makro");
        var home = await app.ReaderClient().GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll(".channels a"), a => a.TextContent == "Ekonomi Makro");
        var problem = await (await api.PutAsJsonAsync("/api/admin/channels/Bad%20Slug", new { name = "X" })).ProblemAsync();
        Assert.Contains("slug", problem.ErrorFields());
    }

    [Fact]
    public async Task Signed_in_staff_never_get_or_fill_the_shared_cache()
    {
        await AdminAsync();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Warta.Web.Demo.DemoSeeder>().AddUserAsync("editor@warta.local", "Editor Satu", "editor", "kata-sandi-rahasia-1");
        var staff = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await staff.GetStringAsync("/redaksi/masuk");
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var wrong = await staff.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "editor@warta.local", ["Password"] = "salah", ["__RequestVerificationToken"] = token,
        }));
        var unknown = await staff.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "siapa@warta.local", ["Password"] = "salah", ["__RequestVerificationToken"] = token,
        }));
        // A wrong password and an unknown account read the same, apart from the echoed address.
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(
            StripToken(await wrong.Content.ReadAsStringAsync()).Replace("editor@warta.local", "", StringComparison.Ordinal),
            StripToken(await unknown.Content.ReadAsStringAsync()).Replace("siapa@warta.local", "", StringComparison.Ordinal));
        Assert.Contains("Email atau kata sandi salah", await wrong.Content.ReadAsStringAsync());

        var signedIn = await staff.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "editor@warta.local", ["Password"] = "kata-sandi-rahasia-1", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/redaksi")).StatusCode);

        await staff.GetAsync("/kanal/ekonomi");
        var second = await staff.GetAsync("/kanal/ekonomi");
        Assert.Null(second.Headers.Age);
        var anonymous = app.ReaderClient();
        await anonymous.GetAsync("/kanal/ekonomi");
        Assert.NotNull((await anonymous.GetAsync("/kanal/ekonomi")).Headers.Age);

        var noLogin = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/redaksi");
        Assert.Equal(HttpStatusCode.Redirect, noLogin.StatusCode);
        Assert.StartsWith("/redaksi/masuk", noLogin.Headers.Location!.PathAndQuery);
    }

    static string StripToken(string html) => Regex.Replace(html, "value=\"[^\"]{40,}\"", "");
}

public class CacheOffTests
{
    static WartaNode Factory() => new(null, new Dictionary<string, string?> { ["Warta:Cache:Enabled"] = "false", ["Warta:Diagnostics:FailureProbe"] = "true" });

    [Fact]
    public async Task With_the_cache_off_every_read_is_rendered()
    {
        using var app = Factory();
        var reader = app.ReaderClient();
        await reader.GetAsync("/");
        Assert.Null((await reader.GetAsync("/")).Headers.Age);
    }

    [Fact]
    public async Task A_failure_shows_a_friendly_page_or_a_problem_and_never_a_stack_trace()
    {
        using var app = Factory();
        var page = await app.ReaderClient().GetAsync("/galat/uji");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("Maaf, terjadi gangguan", html);
        Assert.DoesNotContain("failure probe", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at ", html);

        var api = await app.CreateClient().GetAsync("/api/galat/uji");
        var json = await api.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("failure probe", json);
    }
}
