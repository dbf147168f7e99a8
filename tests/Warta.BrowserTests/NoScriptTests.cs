using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>Readers on slow phones or with JavaScript off get the whole page.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class NoScriptTests(WartaSite site)
{
    [Fact]
    public async Task With_javascript_off_the_home_page_and_a_story_are_fully_readable()
    {
        await using var context = await site.NewPhoneContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page.Locator(".lead h1 a")).ToBeVisibleAsync();
        await Expect(page.Locator(".card").First).ToBeVisibleAsync();
        await Expect(page.Locator(".ticker .ticker-label")).ToHaveTextAsync("INDIKATOR");
        await Expect(page.Locator(".ticker .tick").First).ToBeVisibleAsync();
        await Expect(page.Locator("#clock")).ToHaveTextAsync(IndonesianFormats.Clock());
        await Expect(page.Locator("aside.sidebar .latest li a").First).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-popup")).ToBeHiddenAsync();
        await PhoneReadingTests.AssertTickerNumbersAreIndonesianAsync(page);

        await page.Locator(".lead h1 a").TapAsync();
        await page.WaitForURLAsync("**/berita/**");

        var story = page.Locator("article.story");
        await Expect(story.Locator("h1")).ToBeVisibleAsync();
        await Expect(story.Locator(".dates time").First).ToHaveTextAsync(IndonesianFormats.DateTime());
        await Expect(story.Locator("figure.lead-photo img")).ToBeVisibleAsync();
        await Expect(story.Locator(".body strong.dateline")).ToBeVisibleAsync();
        var paragraphs = story.Locator(".body > p:not(.baca-juga)");
        Assert.True(await paragraphs.CountAsync() >= 3, "the story body is not all there without JavaScript");
        await Expect(paragraphs.Last).ToBeVisibleAsync();
        await Expect(page.Locator(".ticker .tick").First).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-popup")).ToBeHiddenAsync();
        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);
    }
}
