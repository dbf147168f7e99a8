using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>A reader on a phone searches from the header of any page, with JavaScript on or off.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class SearchBoxTests(WartaSite site)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_a_390px_phone_the_header_search_box_takes_the_reader_to_the_search_page(bool javaScript)
    {
        await using var context = await site.NewPhoneContextAsync(javaScript: javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var box = page.Locator("header.site-header").GetByLabel("Cari berita");
        var button = page.Locator("header.site-header form[role=search] button");
        await Expect(box).ToBeVisibleAsync();
        foreach (var target in new[] { box, button })
        {
            var size = (await target.BoundingBoxAsync())!;
            Assert.True(size.Height >= 44 && size.Width >= 44, $"a tap target of {size.Width}×{size.Height} px");
            Assert.True(size.X >= 0 && size.X + size.Width <= 390, $"the search box runs off the screen: {size.X} + {size.Width}");
        }
        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);

        await box.FillAsync("rupiah");
        await button.TapAsync();
        await page.WaitForURLAsync("**/cari?q=rupiah");
        await Expect(page.Locator("h1.page-title")).ToHaveTextAsync("Cari");
        await Expect(page.Locator("main #q")).ToHaveValueAsync("rupiah");
        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);
    }

    /// <summary>
    /// A result's headline link covers the whole result (as a card's does), so the reader may tap anywhere on it; a tap must
    /// open that result's own story, never a neighbour's, and the channel above it must still open the channel.
    /// </summary>
    [Fact]
    public async Task On_a_phone_tapping_a_search_result_opens_that_story_and_its_channel_opens_the_channel()
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/cari?q=bank");
        var results = page.Locator("ol.search-results > li.search-result");
        Assert.True(await results.CountAsync() >= 3, "the demo has several stories about banks");
        for (var i = 0; i < 3; i++)
        {
            var result = results.Nth(i);
            var href = await result.Locator(".card-title a").GetAttributeAsync("href");
            // The snippet, below the headline: a tap on it is a tap on the result. Tapped where a finger would, at its middle
            // (Playwright's own TapAsync refuses an element that another covers, and covering it is the point).
            await result.Locator(".snippet").ScrollIntoViewIfNeededAsync();
            var snippet = (await result.Locator(".snippet").BoundingBoxAsync())!;
            await page.Touchscreen.TapAsync(snippet.X + snippet.Width / 2, snippet.Y + snippet.Height / 2);
            await page.WaitForURLAsync("**" + href);
            await page.GoBackAsync();
        }
        var kicker = results.First.Locator("a.kicker");
        var channel = await kicker.GetAttributeAsync("href");
        await kicker.TapAsync();
        await page.WaitForURLAsync("**" + channel);
    }

    [Fact]
    public async Task On_a_phone_tapping_a_story_card_on_the_home_page_opens_that_story()
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var cards = page.Locator("main .card");
        Assert.True(await cards.CountAsync() >= 3);
        for (var i = 0; i < 3; i++)
        {
            var card = cards.Nth(i);
            var href = await card.Locator(".card-title a").GetAttributeAsync("href");
            await card.Locator(".card-title").TapAsync();
            await page.WaitForURLAsync("**" + href);
            await page.GoBackAsync();
        }
    }
}
