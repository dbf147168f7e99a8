using Warta.Tests.Infrastructure;

namespace Warta.Tests.Reader;

/// <summary>Channel, tag and author lists page through every story once, newest first; a page past the last shows the last.</summary>
public class ReaderPagingTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task Channel_tag_and_author_lists_show_every_story_once_across_their_pages()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("halaman", "Halaman");
        var now = app.Clock.GetUtcNow();
        var published = new List<string>();
        // 45 stories, an hour apart: three pages of 20, 20 and 5.
        for (var i = 0; i < 45; i++)
        {
            var story = NewsroomApi.Story($"Berita Berhalaman {i:00}", "halaman");
            story["tags"] = new[] { "Uji Halaman" };
            story["reporters"] = new[] { "Wartawan Halaman" };
            story["publishedAt"] = now.AddHours(-i).ToString("O");
            published.Add((await api.PublishAsync(story)).Url);
        }
        var reader = app.ReaderClient();
        foreach (var list in new[] { "/kanal/halaman", "/tag/uji-halaman", "/penulis/wartawan-halaman" })
        {
            var listed = new List<string>();
            for (var number = 1; number <= 3; number++)
            {
                var page = await reader.GetPageAsync(number == 1 ? list : $"{list}?halaman={number}");
                Assert.Equal(number.ToString(), page.Text("nav.pager .current"));
                Assert.Equal(["1", "2", "3"], page.QuerySelectorAll("nav.pager a, nav.pager .current").Select(e => e.TextContent.Trim()));
                var cards = page.QuerySelectorAll(".card h3 a").Select(a => a.GetAttribute("href")!).ToList();
                Assert.Equal(number == 3 ? 5 : 20, cards.Count);
                listed.AddRange(cards);
            }
            Assert.Equal(published, listed);   // newest first, each once, none missing
            // A page past the last shows the last one.
            Assert.Equal("3", (await reader.GetPageAsync($"{list}?halaman=4")).Text("nav.pager .current"));
        }
    }
}
