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
}
