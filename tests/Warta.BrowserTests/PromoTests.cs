using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>The "Langganan" banner across the top and the popup promo: readers can close both, and they stay closed.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class PromoTests(WartaSite site)
{
    [Fact]
    public async Task Closing_the_top_banner_removes_it_at_once_and_after_a_reload()
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var banner = page.Locator("#promo-top");
        await Expect(banner).ToContainTextAsync("Langganan");

        await banner.Locator(".promo-close button").TapAsync();
        await Expect(banner).ToHaveCountAsync(0);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);

        await page.ReloadAsync();
        await Expect(page.Locator(".lead h1 a")).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-top")).ToHaveCountAsync(0);

        // Closed for the whole site, not just this page.
        await page.Locator(".lead h1 a").TapAsync();
        await page.WaitForURLAsync("**/berita/**");
        await Expect(page.Locator("article.story h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-top")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Without_javascript_the_banners_close_button_posts_and_returns_to_the_same_story_without_it()
    {
        await using var context = await site.NewPhoneContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var storyPath = await page.Locator(".lead h1 a").GetAttributeAsync("href");
        Assert.NotNull(storyPath);
        await page.GotoAsync(storyPath);
        await Expect(page.Locator("#promo-top")).ToContainTextAsync("Langganan");

        await page.Locator("#promo-top .promo-close button").TapAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal(storyPath, new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("article.story h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-top")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page.Locator("article.story h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-top")).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Expect(page.Locator(".lead h1 a")).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-top")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_popup_appears_after_a_while_closes_with_the_x_and_does_not_come_back()
    {
        await using var context = await site.NewPhoneContextAsync(popupAlreadySeen: false);
        // The page's clock is Playwright's: the popup's delay passes when the test moves it, not while the test sleeps.
        await context.Clock.InstallAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var popup = page.Locator("#promo-popup");
        await Expect(popup).ToHaveCountAsync(1);
        await Expect(popup).ToBeHiddenAsync();

        await page.Clock.RunForAsync(10_000);
        await Expect(popup).ToBeVisibleAsync();
        await popup.Locator(".popup-close button").TapAsync();
        await Expect(popup).ToBeHiddenAsync();
        // Nothing covers the story once the popup is closed: the lead headline can be tapped.
        await page.Locator(".lead h1 a").TapAsync(new() { Trial = true });

        await page.ReloadAsync();
        await Expect(page.Locator(".lead h1 a")).ToBeVisibleAsync();
        // Well past the popup's delay on the page's clock, it has stayed away.
        await page.Clock.RunForAsync(60_000);
        var cameBack = await page.Locator("#promo-popup").IsVisibleAsync();
        Assert.False(cameBack, "the popup came back after the reader closed it");
        await Expect(page.Locator("#promo-popup")).ToBeHiddenAsync();
    }
}
