using Microsoft.AspNetCore.DataProtection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Content.Paywall;

namespace Warta.Tests.Paywall;

/// <summary>
/// The meter is counted on the server per calendar month in WIB: anonymous readers by the id in their signed cookie,
/// signed-in readers by their account. Tampering uses it up, re-reads are free, and parallel requests cannot read past it.
/// </summary>
public class MeterTests(PaywallFactory app) : IClassFixture<PaywallFactory>
{
    static string? MeterCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(MeterCookie.Name + "=", StringComparison.Ordinal))?[(MeterCookie.Name.Length + 1)..]
            : null;

    HttpClient WithCookie(string value)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", MeterCookie.Name + "=" + value);
        return client;
    }

    /// <summary>A meter cookie as the server issues it to a reader who has read nothing yet this month.</summary>
    string FreshMeter() => app.Services.GetRequiredService<MeterCookie>().Protect(MeterState.New(Allowances.MonthOf(app.Clock.GetUtcNow())));

    [Fact]
    public async Task The_note_on_a_metered_read_counts_that_read_from_the_very_first_one()
    {
        var stories = await app.PremiumStoriesAsync(2, "Meteran catatan");
        var browser = app.Anonymous();
        foreach (var (story, left) in stories.Zip([PaywallFactory.MeterAnonymous - 1, PaywallFactory.MeterAnonymous - 2]))
        {
            var page = await (await browser.GetAsync(story.Url)).Content.ReadAsStringAsync();
            Assert.Contains($"Sisa bulan ini: {left} artikel.", page);
        }
    }

    [Fact]
    public async Task An_anonymous_reader_reads_two_premium_stories_whole_and_the_third_is_cut()
    {
        var stories = await app.PremiumStoriesAsync(3, "Meteran anonim");
        var browser = app.Anonymous();
        Assert.True(await browser.ReadsWholeAsync(stories[0]));
        Assert.True(await browser.ReadsWholeAsync(stories[1]));
        Assert.False(await browser.ReadsWholeAsync(stories[2]));
    }

    [Fact]
    public async Task Re_reading_a_story_already_counted_does_not_count_again_even_after_the_meter_is_used_up()
    {
        var stories = await app.PremiumStoriesAsync(3, "Baca ulang");
        var browser = app.Anonymous();
        Assert.True(await browser.ReadsWholeAsync(stories[0]));
        Assert.True(await browser.ReadsWholeAsync(stories[0]));
        Assert.True(await browser.ReadsWholeAsync(stories[1]));
        Assert.False(await browser.ReadsWholeAsync(stories[2]));
        Assert.True(await browser.ReadsWholeAsync(stories[0]));
        Assert.True(await browser.ReadsWholeAsync(stories[1]));
    }

    [Fact]
    public async Task A_forged_meter_cookie_counts_as_used_up()
    {
        var story = (await app.PremiumStoriesAsync(1, "Kue palsu"))[0];
        Assert.False(await WithCookie("CfDJ8bukan-kue-yang-ditandatangani").ReadsWholeAsync(story));
        // Well formed and protected by this app's key ring, but for another purpose: not a meter cookie the app wrote.
        var protector = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("Warta.Something.Else");
        var stranger = protector.Protect(System.Text.Json.JsonSerializer.Serialize(MeterState.New(Allowances.MonthOf(app.Clock.GetUtcNow()))));
        Assert.False(await WithCookie(stranger).ReadsWholeAsync(story));
    }

    [Fact]
    public async Task An_edited_meter_cookie_counts_as_used_up()
    {
        var stories = await app.PremiumStoriesAsync(2, "Kue diubah");
        var response = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync(stories[0].Url);
        var issued = MeterCookieOf(response)!;
        Assert.True(await WithCookie(issued).ReadsWholeAsync(stories[1]));
        var edited = issued[..^3] + (issued[^3] == 'A' ? 'B' : 'A') + issued[^2..];
        var story = (await app.PremiumStoriesAsync(1, "Kue diubah lagi"))[0];
        Assert.False(await WithCookie(edited).ReadsWholeAsync(story));
    }

    [Fact]
    public async Task Twenty_parallel_requests_for_twenty_premium_stories_open_exactly_the_meter_s_allowance()
    {
        var stories = await app.PremiumStoriesAsync(20, "Serbu paralel");
        var cookie = FreshMeter();
        var client = WithCookie(cookie);
        var pages = await Task.WhenAll(stories.Select(async s => (s, await (await client.GetAsync(s.Url)).Content.ReadAsStringAsync())));
        Assert.Equal(PaywallFactory.MeterAnonymous, pages.Count(p => p.Item2.Contains(p.s.Marker, StringComparison.Ordinal)));
        Assert.Equal(20 - PaywallFactory.MeterAnonymous, pages.Count(p => p.Item2.Contains("id=\"paywall\"", StringComparison.Ordinal)));
        var id = app.Services.GetRequiredService<MeterCookie>().Read(CookieContext(cookie)).State!.Id;
        Assert.Equal(PaywallFactory.MeterAnonymous, await app.MeterUsedAsync(PaywallGate.AnonymousKey(id)));
        Assert.Equal(PaywallFactory.MeterAnonymous, await app.InDbAsync(db => db.MeterReads.CountAsync(r => r.Key == PaywallGate.AnonymousKey(id))));
    }

    [Fact]
    public async Task A_visitor_without_cookies_reads_a_premium_story_whole_and_the_meter_writes_nothing_until_its_second_read()
    {
        // A story shared in a chat app brings thousands of visitors without cookies: their first read must cost no write.
        var stories = await app.PremiumStoriesAsync(3, "Tamu pertama");
        var first = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync(stories[0].Url);
        Assert.Contains(stories[0].Marker, await first.Content.ReadAsStringAsync());
        var cookie = MeterCookieOf(first)!;
        var state = app.Services.GetRequiredService<MeterCookie>().Read(CookieContext(cookie)).State!;
        Assert.Equal([stories[0].Slug], state.Slugs);
        var key = PaywallGate.AnonymousKey(state.Id);
        Assert.Equal((0, 0), (await app.InDbAsync(db => db.PaywallAllowances.CountAsync(a => a.Key == key)), await app.InDbAsync(db => db.MeterReads.CountAsync(r => r.Key == key))));

        var again = WithCookie(cookie);
        Assert.True(await again.ReadsWholeAsync(stories[0]));
        Assert.Equal(0, await app.InDbAsync(db => db.PaywallAllowances.CountAsync(a => a.Key == key)));
        Assert.True(await again.ReadsWholeAsync(stories[1]));
        Assert.Equal(PaywallFactory.MeterAnonymous, await app.MeterUsedAsync(key));
        Assert.False(await again.ReadsWholeAsync(stories[2]));
    }

    [Fact]
    public async Task Parallel_requests_after_a_first_read_kept_only_in_the_cookie_open_exactly_the_reads_left()
    {
        var stories = await app.PremiumStoriesAsync(11, "Serbu setelah tamu");
        var first = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync(stories[0].Url);
        var client = WithCookie(MeterCookieOf(first)!);
        var pages = await Task.WhenAll(stories.Skip(1).Select(async s => (s, await (await client.GetAsync(s.Url)).Content.ReadAsStringAsync())));
        Assert.Equal(PaywallFactory.MeterAnonymous - 1, pages.Count(p => p.Item2.Contains(p.s.Marker, StringComparison.Ordinal)));
        Assert.Equal(10 - (PaywallFactory.MeterAnonymous - 1), pages.Count(p => p.Item2.Contains("id=\"paywall\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Twenty_parallel_requests_of_a_signed_in_reader_open_exactly_the_registered_allowance()
    {
        var stories = await app.PremiumStoriesAsync(20, "Serbu pembaca");
        var (browser, id) = await app.ReaderAsync($"serbu-{Guid.NewGuid():N}@pembaca.test");
        var pages = await Task.WhenAll(stories.Select(async s => (s, await (await browser.GetAsync(s.Url)).Content.ReadAsStringAsync())));
        Assert.Equal(PaywallFactory.MeterRegistered, pages.Count(p => p.Item2.Contains(p.s.Marker, StringComparison.Ordinal)));
        Assert.Equal(PaywallFactory.MeterRegistered, await app.MeterUsedAsync(PaywallGate.RegisteredKey(id)));
    }

    static Microsoft.AspNetCore.Http.HttpContext CookieContext(string cookie)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.Cookie = MeterCookie.Name + "=" + cookie;
        return http;
    }

    [Fact]
    public async Task Two_parallel_reads_of_one_story_count_once()
    {
        var stories = await app.PremiumStoriesAsync(2, "Sama paralel");
        var cookie = FreshMeter();
        var client = WithCookie(cookie);
        var pages = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => await (await client.GetAsync(stories[0].Url)).Content.ReadAsStringAsync()));
        Assert.All(pages, p => Assert.Contains(stories[0].Marker, p));
        var id = app.Services.GetRequiredService<MeterCookie>().Read(CookieContext(cookie)).State!.Id;
        Assert.Equal(1, await app.MeterUsedAsync(PaywallGate.AnonymousKey(id)));
        Assert.True(await client.ReadsWholeAsync(stories[1]));
    }

    [Fact]
    public void A_negative_paywall_setting_stops_the_app_at_start_with_the_setting_named()
    {
        using var bad = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Paywall:MeterAnonymous"] = "-1" });
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains("Warta:Paywall:MeterAnonymous is -1", error.ToString());
    }

    [Fact]
    public async Task With_the_anonymous_meter_at_zero_every_premium_story_is_a_registration_wall_served_from_the_cache()
    {
        using var wall = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Paywall:MeterAnonymous"] = "0" });
        var story = await wall.StoryAsync("Dinding pendaftaran", premium: true);
        var first = await wall.CreateClient().GetAsync(story.Url);
        var second = await wall.CreateClient().GetAsync(story.Url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        var html = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain(story.Marker, html);
        Assert.Equal("/akun/daftar?ReturnUrl=" + Uri.EscapeDataString(story.Url),
            PaywallKit.Parse(html).QuerySelectorAll("#paywall a").Single(a => a.TextContent == "Daftar gratis").GetAttribute("href"));
        Assert.Null(MeterCookieOf(first));
    }
}
