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

    /// <summary>Each plan in the subscribe box as its link and its words.</summary>
    static List<string> Plans(string html) =>
        PaywallKit.Parse(html).QuerySelectorAll("#paywall .paywall-plans a")
            .Select(a => a.GetAttribute("href") + " " + string.Join(' ', a.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))
            .ToList();

    static List<string> Menu(string html) =>
        PaywallKit.Parse(html).QuerySelectorAll("header.site-header .reader-menu a").Select(a => a.TextContent.Trim() + " " + a.GetAttribute("href")).ToList();
}
