namespace Warta.BrowserTests;

/// <summary>
/// On a phone, every link a reader can see takes a tap at its own place. A card's or a search result's headline link is
/// stretched over the whole card; if its box is not the card's, it covers other links, and a tap opens another story.
/// </summary>
[Collection(WartaSiteCollection.Name)]
public sealed class TapTargetTests(WartaSite site)
{
    /// <summary>
    /// Each visible link is scrolled to the middle of the screen and the element at a point inside it is asked for; that
    /// element must be the link (or inside one to the same address). Links in a closed &lt;details&gt; are not shown.
    /// </summary>
    const string CoveredLinks = """
        () => {
          const shown = [...document.querySelectorAll('a[href]')].filter(a => {
            const r = a.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(a).visibility !== 'hidden' && !a.closest('details:not([open]) > :not(summary)');
          });
          const covered = [];
          for (const a of shown) {
            a.scrollIntoView({ block: 'center' });
            const r = a.getClientRects()[0];
            const at = document.elementFromPoint(r.left + Math.min(r.width / 2, 8), r.top + r.height / 2);
            const hit = at && at.closest('a');
            if (hit !== a && !(hit && hit.href === a.href))
              covered.push(a.getAttribute('href') + ' is covered by ' + (hit ? hit.getAttribute('href') : at ? at.tagName + '.' + at.className : 'nothing'));
          }
          return { shown: shown.length, covered };
        }
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/kanal/ekonomi")]
    [InlineData("/cari?q=bank")]
    [InlineData("/indikator")]
    [InlineData("/akademi")]
    [InlineData("article")]
    public async Task On_a_390px_phone_no_link_is_covered_by_another(string path)
    {
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        if (path == "article")
        {
            await page.GotoAsync("/");
            path = (await page.Locator("main .card-title a").First.GetAttributeAsync("href"))!;
        }
        await page.GotoAsync(path);
        var links = await page.EvaluateAsync<Links>(CoveredLinks);
        var (shown, covered) = (links.Shown, links.Covered);
        Assert.True(shown >= 20, $"{path}: only {shown} links shown");
        Assert.True(covered.Length == 0, $"{path}: {string.Join("; ", covered)}");
    }

    public sealed class Links
    {
        public int Shown { get; set; }
        public string[] Covered { get; set; } = [];
    }
}
