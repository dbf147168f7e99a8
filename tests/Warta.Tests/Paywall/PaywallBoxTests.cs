using System.Net;
using Warta.Tests.Accounts;
using Warta.Tests.Infrastructure;
using Warta.Tests.Members;
using Warta.Web.Commerce;

namespace Warta.Tests.Paywall;

/// <summary>
/// What the page around the paywall shows: the subscribe box offers the plans with their prices, kept current on the
/// cut page everyone without reads left shares from the cache; the header offers sign-in or the account, never a name.
/// </summary>
public class PaywallBoxTests(PaywallFactory app) : IClassFixture<PaywallFactory>
{
    [Fact]
    public async Task The_cached_cut_page_offers_every_plan_with_its_price_and_a_plan_opened_later_appears_on_it_at_once()
    {
        await app.PlanAsync("kotak-bulanan", price: 39_000, trialDays: 7);
        var story = await app.StoryAsync("Kotak langganan", premium: true);
        var usedUp = app.Anonymous();
        await usedUp.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Kotak habis"));
        await usedUp.GetAsync(story.Url);
        var cached = await usedUp.GetAsync(story.Url);
        Assert.NotNull(cached.Headers.Age);
        Assert.Equal(["/langganan/kotak-bulanan Paket kotak-bulanan Rp 39.000 / bulan Coba gratis 7 hari"], Plans(await cached.Content.ReadAsStringAsync()));

        await app.PlanAsync("kotak-tahunan", BillingPeriod.Yearly, price: 390_000);

        Assert.Equal(
            ["/langganan/kotak-bulanan Paket kotak-bulanan Rp 39.000 / bulan Coba gratis 7 hari", "/langganan/kotak-tahunan Paket kotak-tahunan Rp 390.000 / tahun"],
            Plans(await usedUp.HtmlAsync(story.Url)));
    }

    [Fact]
    public async Task The_header_offers_sign_in_and_plans_to_anonymous_readers_and_the_account_to_a_signed_in_reader_without_naming_them()
    {
        var story = await app.StoryAsync("Kepala halaman", premium: false);
        Assert.Equal(["Masuk /akun/masuk?ReturnUrl=" + Uri.EscapeDataString(story.Url), "Langganan /langganan"], Menu(await app.Anonymous().HtmlAsync(story.Url)));

        var email = $"kepala-{Guid.NewGuid():N}@pembaca.test";
        var (reader, _) = await app.ReaderAsync(email);
        var page = PaywallKit.Parse(await reader.HtmlAsync(story.Url));
        Assert.Equal(["Akun /akun", "Keluar /akun/keluar"], Menu(page.DocumentElement.OuterHtml));
        var header = page.QuerySelector("header.site-header")!.TextContent;
        Assert.DoesNotContain("Pembaca Uji", header);
        Assert.DoesNotContain(email, header);
    }

    [Fact]
    public async Task A_reader_who_registers_from_the_paywall_signs_in_and_lands_back_on_the_story()
    {
        var story = await app.StoryAsync("Daftar dari dinding", premium: true);
        var browser = app.Anonymous();
        await browser.UseUpAsync(await app.PremiumStoriesAsync(PaywallFactory.MeterAnonymous, "Daftar habis"));
        var register = PaywallKit.Parse(await browser.HtmlAsync(story.Url)).QuerySelectorAll("#paywall a")
            .Single(a => a.TextContent == "Daftar gratis").GetAttribute("href")!;
        Assert.Equal("/akun/daftar?ReturnUrl=" + Uri.EscapeDataString(story.Url), register);

        // As a browser submits the form: its hidden field too, to the address it was opened at.
        var form = PaywallKit.Parse(await browser.HtmlAsync(register));
        var email = $"dari-dinding-{Guid.NewGuid():N}@pembaca.test";
        var registered = await (await browser.SubmitAsync(register, new()
        {
            ["Name"] = "Sari Pembaca", ["Email"] = email, ["Password"] = ReaderKit.Password,
            ["ReturnUrl"] = form.QuerySelector("form input[name=ReturnUrl]")!.GetAttribute("value")!,
        })).DocumentAsync();
        var signIn = registered.QuerySelector("main a.button")!.GetAttribute("href")!;
        Assert.Equal("/akun/masuk?ReturnUrl=" + Uri.EscapeDataString(story.Url), signIn);

        var signInForm = PaywallKit.Parse(await browser.HtmlAsync(signIn));
        var signedIn = await browser.SubmitAsync(signIn, new()
        {
            ["Email"] = email, ["Password"] = ReaderKit.Password,
            ["ReturnUrl"] = signInForm.QuerySelector("form input[name=ReturnUrl]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(story.Url, signedIn.Headers.Location!.OriginalString);
        // Back on the story, now with the registered reader's meter.
        Assert.True(await browser.ReadsWholeAsync(story));
    }

    [Theory]
    [InlineData("https://jahat.example/berita")]
    [InlineData("//jahat.example/berita")]
    [InlineData("/\\jahat.example/berita")]
    public async Task Registration_carries_no_address_off_the_site_to_the_sign_in(string returnUrl)
    {
        var browser = app.Anonymous();
        var page = PaywallKit.Parse(await browser.HtmlAsync("/akun/daftar?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Null(page.QuerySelector("form input[name=ReturnUrl]")!.GetAttribute("value"));
        Assert.Equal("/akun/masuk", page.QuerySelectorAll("a").Single(a => a.TextContent == "Masuk" && a.Closest("main") is not null).GetAttribute("href"));

        var registered = await (await browser.SubmitAsync("/akun/daftar", new()
        {
            ["Name"] = "Sari Pembaca", ["Email"] = $"jahat-{Guid.NewGuid():N}@pembaca.test", ["Password"] = ReaderKit.Password, ["ReturnUrl"] = returnUrl,
        })).DocumentAsync();
        Assert.Equal("/akun/masuk?ReturnUrl=" + Uri.EscapeDataString("/akun"), registered.QuerySelector("main a.button")!.GetAttribute("href"));
    }

    /// <summary>Each plan in the subscribe box as its link and its words.</summary>
    static List<string> Plans(string html) =>
        PaywallKit.Parse(html).QuerySelectorAll("#paywall .paywall-plans a")
            .Select(a => a.GetAttribute("href") + " " + string.Join(' ', a.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))
            .ToList();

    static List<string> Menu(string html) =>
        PaywallKit.Parse(html).QuerySelectorAll("header.site-header .reader-menu a").Select(a => a.TextContent.Trim() + " " + a.GetAttribute("href")).ToList();
}
