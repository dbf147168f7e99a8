using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>A reader on a phone opens the home page, taps the lead story and reads it.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class PhoneReadingTests(WartaSite site)
{
    [Fact]
    public async Task Home_page_on_a_phone_shows_header_ticker_latest_and_academy_without_sideways_scrolling()
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page.Locator("#promo-top")).ToContainTextAsync("Langganan");
        await Expect(page.Locator(".site-header .brand")).ToBeVisibleAsync();
        await Expect(page.Locator("#clock")).ToHaveTextAsync(IndonesianFormats.Clock());
        await Expect(page.Locator("nav.channels a").First).ToBeVisibleAsync();
        await Expect(page.Locator(".ticker .ticker-label")).ToHaveTextAsync("INDIKATOR");
        await Expect(page.Locator(".ticker .tick").First).ToBeVisibleAsync();
        await Expect(page.Locator(".lead h1 a")).ToBeVisibleAsync();
        await Expect(page.Locator(".card").First).ToBeVisibleAsync();
        await Expect(page.Locator(".channel-block").First).ToBeVisibleAsync();
        await Expect(page.Locator("aside.sidebar #terbaru")).ToHaveTextAsync("Terbaru", new() { IgnoreCase = true });
        await Expect(page.Locator("aside.sidebar .latest li a").First).ToBeVisibleAsync();
        await Expect(page.Locator("aside.sidebar #terpopuler")).ToBeVisibleAsync();
        await Expect(page.Locator("aside.sidebar .academy .course").First).ToBeVisibleAsync();

        await AssertNoSidewaysScrollingAsync(page);
        await AssertTickerNumbersAreIndonesianAsync(page);
        await AssertAcademyCoursesAsync(page);

        // The stylesheet was served and applied: the ticker bar is dark and the page has no default serif font.
        var tickerBackground = await page.Locator(".ticker").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(16, 21, 29)", tickerBackground);
        var font = await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        Assert.Contains("system-ui", font);

        await Screens.SaveAsync(page, "phone-home");
    }

    [Fact]
    public async Task Tapping_the_lead_story_on_a_phone_opens_an_article_laid_out_top_to_bottom()
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var lead = page.Locator(".lead h1 a");
        var headline = IndonesianFormats.Squash(await lead.InnerTextAsync());

        await lead.TapAsync();
        await page.WaitForURLAsync("**/berita/**");

        var story = page.Locator("article.story");
        await Expect(story.Locator("h1")).ToHaveTextAsync(headline);
        await Expect(story.Locator(".kicker")).ToBeVisibleAsync();
        await Expect(story.Locator(".dates time").First).ToHaveTextAsync(IndonesianFormats.DateTime());
        await Expect(story.Locator("figure.lead-photo img")).ToBeVisibleAsync();
        await Expect(story.Locator("figure.lead-photo figcaption .credit")).ToHaveTextAsync(IndonesianFormats.PhotoCredit());
        await Expect(story.Locator("p.credits")).ToHaveTextAsync(IndonesianFormats.CreditLine());
        await Expect(story.Locator(".body strong.dateline")).ToHaveTextAsync(IndonesianFormats.Dateline());
        await Expect(story.Locator("nav.tags a").First).ToBeVisibleAsync();

        // The photo has loaded and fits the screen.
        var photo = story.Locator("figure.lead-photo img");
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the lead photo did not load");
        var photoBox = await photo.BoundingBoxAsync();
        Assert.NotNull(photoBox);
        Assert.True(photoBox.Width <= 390, $"the lead photo is {photoBox.Width}px wide on a 390px screen");

        await AssertInReadingOrderAsync(page,
            ".story .kicker", ".story h1", ".story .dates time", ".story figure.lead-photo img",
            ".story figure.lead-photo figcaption", ".story p.credits", ".story .body", ".story nav.tags");
        await AssertBodyOpensWithDatelineAsync(page);
        await AssertBacaJugaSitsBetweenParagraphsAsync(page, atLeast: 1);
        await AssertNoSidewaysScrollingAsync(page);
        await AssertTickerNumbersAreIndonesianAsync(page);

        await Screens.SaveAsync(page, "phone-article");
    }

    [Fact]
    public async Task An_opinion_column_carries_the_columnists_byline_and_role_under_the_headline()
    {
        var path = await Stories.FindAsync(site, html => html.Contains("data-kind=\"opinion\"", StringComparison.Ordinal));
        Assert.True(path is not null, "no opinion column found among the demo stories");

        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await Expect(page.Locator(".story .byline")).ToHaveTextAsync(IndonesianFormats.Byline());
        await AssertInReadingOrderAsync(page, ".story h1", ".story .byline", ".story .dates time", ".story .body");
        await AssertNoSidewaysScrollingAsync(page);
    }

    internal static async Task AssertNoSidewaysScrollingAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} scrolls sideways: content is {widths[0]}px wide in a {widths[1]}px window");
    }

    internal static async Task AssertTickerNumbersAreIndonesianAsync(IPage page)
    {
        var ticks = page.Locator(".ticker .tick");
        var count = await ticks.CountAsync();
        Assert.True(count >= 3, $"the ticker shows {count} instruments");
        for (var i = 0; i < count; i++)
        {
            var tick = ticks.Nth(i);
            var name = (await tick.Locator(".tick-name").InnerTextAsync()).Trim();
            Assert.False(string.IsNullOrEmpty(name), "an instrument without a name in the ticker");
            var classes = await tick.GetAttributeAsync("class") ?? "";
            Assert.True(classes.Split(' ').Intersect(["naik", "turun", "datar"]).Count() == 1, $"{name} is not marked naik, turun or datar");

            var value = tick.Locator(".tick-value");
            if (await value.CountAsync() > 0)
            {
                Assert.Matches(IndonesianFormats.Number(), (await value.InnerTextAsync()).Trim());
                var change = tick.Locator(".tick-chg");
                if (await change.CountAsync() > 0 && await change.IsVisibleAsync()) Assert.Matches(IndonesianFormats.Number(), IndonesianFormats.Unsigned(await change.InnerTextAsync()));
            }
            var percent = tick.Locator(".tick-pct");
            Assert.True(await percent.CountAsync() > 0 || await value.CountAsync() > 0, $"{name} shows neither a value nor a percent");
            if (await percent.CountAsync() > 0 && await percent.First.IsVisibleAsync())
            {
                var shown = IndonesianFormats.Unsigned(await percent.InnerTextAsync());
                Assert.True(IndonesianFormats.Percent().IsMatch(shown), $"{name} shows its percent change as '{shown}'");
            }
        }
    }

    static async Task AssertAcademyCoursesAsync(IPage page)
    {
        var courses = page.Locator("aside.sidebar .academy .course");
        var count = await courses.CountAsync();
        Assert.True(count >= 1);
        for (var i = 0; i < count; i++)
        {
            var course = courses.Nth(i);
            Assert.False(string.IsNullOrWhiteSpace(await course.Locator("h3").InnerTextAsync()));
            Assert.Matches(IndonesianFormats.DateTime(), (await course.Locator(".meta").InnerTextAsync()).Trim());
            Assert.Matches(IndonesianFormats.Rupiah(), IndonesianFormats.Squash(await course.Locator(".price").InnerTextAsync()).Replace('\u00a0', ' '));
            Assert.Matches(IndonesianFormats.Hashtags(), IndonesianFormats.Squash(await course.Locator(".hashtags").InnerTextAsync()));
        }
    }

    /// <summary>Each element is below the previous one on screen and after it in the document.</summary>
    internal static async Task AssertInReadingOrderAsync(IPage page, params string[] selectors)
    {
        var layout = await page.EvaluateAsync<JsonElement>("""
            selectors => selectors.map(s => {
              const e = document.querySelector(s);
              if (!e) return { selector: s, found: false };
              const r = e.getBoundingClientRect();
              return { selector: s, found: true, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
                       afterPrevious: true, visible: r.width > 0 && r.height > 0 };
            })
            """, selectors);
        var orderOk = await page.EvaluateAsync<bool[]>("""
            selectors => selectors.slice(1).map((s, i) => {
              const before = document.querySelector(selectors[i]), after = document.querySelector(s);
              return !!before && !!after && !!(before.compareDocumentPosition(after) & Node.DOCUMENT_POSITION_FOLLOWING);
            })
            """, selectors);

        var items = layout.EnumerateArray().ToList();
        foreach (var item in items)
        {
            var selector = item.GetProperty("selector").GetString();
            Assert.True(item.GetProperty("found").GetBoolean(), $"{selector} is missing on {page.Url}");
            Assert.True(item.GetProperty("visible").GetBoolean(), $"{selector} takes no space on {page.Url}");
        }
        for (var i = 1; i < items.Count; i++)
        {
            var previous = items[i - 1];
            var current = items[i];
            Assert.True(orderOk[i - 1], $"{current.GetProperty("selector")} comes before {previous.GetProperty("selector")} in the page");
            Assert.True(current.GetProperty("top").GetDouble() >= previous.GetProperty("top").GetDouble(),
                $"{current.GetProperty("selector")} (top {current.GetProperty("top")}) is shown above {previous.GetProperty("selector")} (top {previous.GetProperty("top")})");
        }
    }

    static async Task AssertBodyOpensWithDatelineAsync(IPage page)
    {
        var opening = await page.EvaluateAsync<JsonElement>("""
            () => {
              const first = document.querySelector('.story .body').firstElementChild;
              const lead = first && first.firstElementChild;
              return { tag: first ? first.tagName : '', cls: first ? first.className : '',
                       leadIsDateline: !!lead && lead.matches('strong.dateline'),
                       startsWithDateline: !!lead && first.textContent.trimStart().startsWith(lead.textContent),
                       rest: first ? first.textContent.slice(lead ? lead.textContent.length + 1 : 0).trim().length : 0 };
            }
            """);
        Assert.Equal("P", opening.GetProperty("tag").GetString());
        Assert.DoesNotContain("baca-juga", opening.GetProperty("cls").GetString(), StringComparison.Ordinal);
        Assert.True(opening.GetProperty("leadIsDateline").GetBoolean(), "the first paragraph does not open with the dateline");
        Assert.True(opening.GetProperty("startsWithDateline").GetBoolean(), "text comes before the dateline in the first paragraph");
        Assert.True(opening.GetProperty("rest").GetInt32() > 20, "the dateline stands alone instead of opening the first paragraph");
    }

    /// <summary>Baca Juga links sit between paragraphs: never first or last in the body, never two in a row.</summary>
    internal static async Task AssertBacaJugaSitsBetweenParagraphsAsync(IPage page, int atLeast)
    {
        var children = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelector('.story .body').children].map(c => ({
              bacaJuga: c.classList.contains('baca-juga'),
              text: c.textContent.trim(),
              href: (c.querySelector('a') || {}).pathname || ''
            }))
            """);
        var items = children.EnumerateArray().ToList();
        var links = items.Select((c, i) => (c, i)).Where(x => x.c.GetProperty("bacaJuga").GetBoolean()).ToList();
        Assert.True(links.Count >= atLeast, $"{page.Url} has {links.Count} Baca Juga links");
        foreach (var (link, index) in links)
        {
            Assert.StartsWith("Baca Juga:", link.GetProperty("text").GetString());
            Assert.StartsWith("/berita/", link.GetProperty("href").GetString());
            Assert.True(index > 0, "a Baca Juga link opens the body");
            Assert.True(index < items.Count - 1, "a Baca Juga link closes the body");
            Assert.False(items[index - 1].GetProperty("bacaJuga").GetBoolean(), "two Baca Juga links in a row");
        }
        foreach (var (link, _) in links)
        {
            Assert.NotEqual(new Uri(page.Url).AbsolutePath, link.GetProperty("href").GetString());
        }
    }
}
