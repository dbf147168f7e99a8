using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>
/// The members' pages on a phone, 390 and 320 px wide, with JavaScript on and off: a reader reads premium stories on the
/// meter and meets the paywall with the plans and their prices; a reader signs in, sees the account, subscribes and finds
/// the order; a subscriber sends a gift link and books a course. Every page fits the screen, and its buttons are big enough to tap.
/// </summary>
[Collection(WartaSiteCollection.Name)]
public sealed class MemberPagesTests(WartaSite site)
{
    const string Password = "sandi-pembaca-yang-panjang";

    /// <summary>A page is there once its HTML is: the next step waits for what it needs, not for every picture on a busy machine.</summary>
    static readonly PageWaitForURLOptions Ready = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    [Theory]
    [InlineData(390, true)]
    [InlineData(320, true)]
    [InlineData(390, false)]
    [InlineData(320, false)]
    public async Task An_anonymous_reader_on_a_phone_reads_two_premium_stories_on_the_meter_then_meets_the_paywall_with_the_plans(int width, bool javaScript)
    {
        var shot = Shot("anonim", width, javaScript);
        await using var context = await site.NewPhoneContextAsync(javaScript: javaScript, width: width);
        var page = await context.NewPageAsync();
        var stories = await PremiumStoriesAsync(page, 3);

        var menu = page.Locator("header .reader-menu");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Langganan", Exact = true })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Akun", Exact = true })).ToHaveCountAsync(0);
        await AssertFitsAsync(page);

        // The meter's two free premium stories a month, each with its note; the third is cut at the paywall.
        await page.GotoAsync(stories[0]);
        await Expect(page.Locator(".meter-note")).ToContainTextAsync("Sisa bulan ini: 1 artikel");
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("meter"));
        await page.GotoAsync(stories[1]);
        await Expect(page.Locator(".meter-note")).ToContainTextAsync("Sisa bulan ini: 0 artikel");
        await page.GotoAsync(stories[2]);

        var paywall = page.Locator("#paywall");
        await Expect(paywall).ToBeVisibleAsync();
        await Expect(paywall.Locator("h2")).ToContainTextAsync("Lanjutkan membaca");
        await Expect(paywall.Locator(".paywall-plans li")).ToHaveCountAsync(2);
        await Expect(paywall.Locator(".paywall-plans li").First).ToContainTextAsync("Premium Bulanan");
        await Expect(paywall.Locator(".paywall-plans li").First).ToContainTextAsync("Rp 49.000");
        await Expect(paywall.Locator(".paywall-plans li").Last).ToContainTextAsync("Rp 490.000");
        await Expect(paywall.GetByRole(AriaRole.Link, new() { Name = "Langganan", Exact = true })).ToBeVisibleAsync();
        await Expect(paywall.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true })).ToBeVisibleAsync();
        // The free paragraphs are all there, above the box, not under it.
        var body = page.Locator("article.story .body");
        await Expect(body.Locator("p").First).ToBeVisibleAsync();
        var bodyBottom = await body.EvaluateAsync<double>("b => b.getBoundingClientRect().bottom");
        var boxTop = await paywall.EvaluateAsync<double>("b => b.getBoundingClientRect().top");
        Assert.True(boxTop >= bodyBottom, $"the paywall box (top {boxTop}) covers the free paragraphs (bottom {bodyBottom})");
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("paywall"));

        await paywall.GetByRole(AriaRole.Link, new() { Name = "Langganan", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/langganan", Ready);
        await Expect(page.Locator(".plans .plan")).ToHaveCountAsync(2);
        foreach (var plan in await page.Locator(".plans .plan").AllAsync())
        {
            await Expect(plan.Locator(".price")).ToBeVisibleAsync();
            await Expect(plan.GetByRole(AriaRole.Button, new() { Name = "Langganan" })).ToBeVisibleAsync();
        }
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("paket"));

        await page.GotoAsync("/akun/daftar");
        await Expect(page.GetByLabel("Kata sandi")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await page.GotoAsync("/akun/masuk");
        await Expect(page.GetByLabel("Kata sandi")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("masuk"));
    }

    [Theory]
    [InlineData(390, true)]
    [InlineData(320, false)]
    public async Task A_signed_in_reader_on_a_phone_sees_the_account_checks_out_a_plan_and_finds_the_order(int width, bool javaScript)
    {
        var shot = Shot("pembaca", width, javaScript);
        var email = $"pembaca-{width}-{javaScript}-{Guid.NewGuid():N}@contoh.id";
        await site.RunVerbAsync("members", "add", "--email", email, "--name", "Rina Pembaca", "--password", Password);
        await using var context = await site.NewPhoneContextAsync(javaScript: javaScript, width: width);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);

        var menu = page.Locator("header .reader-menu");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Akun", Exact = true })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Keluar", Exact = true })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true })).ToHaveCountAsync(0);
        // The header is shared by every reader of an audience: it never names this one.
        await Expect(page.Locator("header.site-header")).Not.ToContainTextAsync("Rina Pembaca");

        await Expect(page.Locator("#reader-name")).ToHaveTextAsync("Rina Pembaca");
        await Expect(page.Locator("#membership-none")).ToBeVisibleAsync();
        await Expect(page.Locator(".account-courses")).ToBeVisibleAsync();
        await Expect(page.Locator(".account-links a")).ToHaveCountAsync(4);
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("akun"));

        await page.Locator("#membership-none a").ClickAsync();
        await page.WaitForURLAsync("**/langganan", Ready);
        await page.Locator("#paket-premium-bulanan").GetByRole(AriaRole.Button, new() { Name = "Langganan" }).ClickAsync();
        await page.WaitForURLAsync("**/langganan/premium-bulanan**", Ready);
        await Expect(page.Locator("#plan-price")).ToHaveTextAsync("Rp 49.000");
        await Expect(page.Locator("#pay")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("checkout"));

        // Paying opens an order, whichever way the site takes payments; the reader finds it in the order list.
        await page.Locator("#pay").ClickAsync();
        await page.WaitForLoadStateAsync();
        await page.GotoAsync("/akun");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pesanan dan tagihan" }).ClickAsync();
        var orders = page.Locator("table.orders tbody tr");
        await Expect(orders).ToHaveCountAsync(1);
        await Expect(orders.Locator("td[data-label=Jumlah]")).ToHaveTextAsync("Rp 49.000");
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("pesanan"));
        await orders.Locator("td[data-label=Nomor] a").ClickAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("menunggu pembayaran");
        await Expect(page.Locator("#order-amount")).ToHaveTextAsync("Rp 49.000");
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("pesanan-satu"));
    }

    [Theory]
    [InlineData(390, true)]
    [InlineData(320, true)]
    [InlineData(390, false)]
    [InlineData(320, false)]
    public async Task A_subscriber_on_a_phone_reads_a_premium_story_whole_sends_it_as_a_gift_and_books_a_course(int width, bool javaScript)
    {
        var shot = Shot("pelanggan", width, javaScript);
        var email = $"pelanggan-{width}-{javaScript}-{Guid.NewGuid():N}@contoh.id";
        await site.RunVerbAsync("members", "add", "--email", email, "--name", "Budi Pelanggan", "--password", Password, "--plan", "premium-bulanan");
        await using var context = await site.NewPhoneContextAsync(javaScript: javaScript, width: width);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);

        await Expect(page.Locator("#membership-current")).ToContainTextAsync("Premium Bulanan");
        await Expect(page.Locator("#membership-ends")).ToBeVisibleAsync();
        await Expect(page.Locator(".account-membership table.membership-history tbody tr")).ToHaveCountAsync(1);
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("akun"));

        var story = (await PremiumStoriesAsync(page, 1))[0];
        await page.GotoAsync(story);
        await Expect(page.Locator("#paywall")).ToHaveCountAsync(0);
        var gift = page.Locator(".gift-action");
        await Expect(gift).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await gift.GetByRole(AriaRole.Link, new() { Name = "Hadiahkan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Buat tautan hadiah" }).ClickAsync();
        await Expect(page.Locator("#gift-link")).ToBeVisibleAsync();
        await Expect(page.Locator("table.gift-links tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.gift-links").GetByRole(AriaRole.Button, new() { Name = "Cabut" })).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("hadiah"));

        await page.GotoAsync("/akademi");
        await page.Locator(".content a[href^='/akademi/']").First.ClickAsync();
        await Expect(page.Locator("article.course-page h1")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("kelas"));
        await page.Locator("a.register").ClickAsync();
        await Expect(page.Locator(".course-registration h1")).ToHaveTextAsync("Pendaftaran kelas");
        await Expect(page.Locator(".course-registration .course-sessions li").First).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screens.SaveAsync(page, shot("daftar-kelas"));
    }

    /// <summary>Screenshot names: what the page is, for whom, how wide, with or without JavaScript.</summary>
    static Func<string, string> Shot(string who, int width, bool javaScript) =>
        what => $"member-{who}-{what}-{width}{(javaScript ? "" : "-nojs")}";

    static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.Locator("header .reader-menu").GetByRole(AriaRole.Link, new() { Name = "Masuk", Exact = true }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
        // The header's sign-in link comes back to the page it was on; the account is one tap away.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", Ready);
        await page.Locator("header .reader-menu").GetByRole(AriaRole.Link, new() { Name = "Akun", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/akun", Ready);
    }

    /// <summary>The first <paramref name="count"/> premium stories listed on the home page and the channel pages.</summary>
    static async Task<List<string>> PremiumStoriesAsync(IPage page, int count)
    {
        var found = new List<string>();
        await page.GotoAsync("/");
        var channels = await page.Locator("nav.channels a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        foreach (var channel in channels)
        {
            if (channel != "/") await page.GotoAsync(channel);
            var links = await page.Locator(".content article:has(.premium) a[href^='/berita/']")
                .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            found.AddRange(links.Where(l => !found.Contains(l)).Distinct());
            if (found.Count >= count) return found.Take(count).ToList();
        }
        throw new InvalidOperationException($"the demo lists only {found.Count} premium stories");
    }

    /// <summary>No sideways scrolling, and every button and header link is at least 44 px high, a thumb's tap.</summary>
    static async Task AssertFitsAsync(IPage page)
    {
        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.content button, .content a.button, .reader-menu a, .paywall-plans a, .account-links a')]
              .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
              .map(e => `${e.textContent.trim()} (${Math.round(e.getBoundingClientRect().height)} px)`)
            """);
        Assert.True(small.Length == 0, $"{page.Url}: too small to tap: {string.Join(", ", small)}");
    }
}
