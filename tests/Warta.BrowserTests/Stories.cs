using System.Text.RegularExpressions;

namespace Warta.BrowserTests;

/// <summary>
/// Finds demo stories with a given trait (several pages, an opinion column) by reading the site's own pages over HTTP,
/// the way a reader would by browsing: home, then every channel page, then the stories they link.
/// </summary>
static partial class Stories
{
    const int MaxStoriesToOpen = 400;

    public static async Task<string?> FindAsync(WartaSite site, Func<string, bool> storyHtmlMatches)
    {
        using var http = new HttpClient { BaseAddress = site.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var home = await http.GetStringAsync("/");
        var listings = new List<string> { home };
        foreach (var channel in ChannelLink().Matches(home).Select(m => m.Groups[1].Value).Distinct())
        {
            listings.Add(await http.GetStringAsync("/kanal/" + channel));
        }

        var stories = listings.SelectMany(html => StoryLink().Matches(html).Select(m => m.Groups[1].Value)).Distinct().Take(MaxStoriesToOpen);
        foreach (var path in stories)
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode) continue;
            if (storyHtmlMatches(await response.Content.ReadAsStringAsync())) return path;
        }
        return null;
    }

    [GeneratedRegex("href=\"/kanal/([a-z0-9-]+)\"")]
    private static partial Regex ChannelLink();

    [GeneratedRegex("href=\"(/berita/[a-z0-9-]+)\"")]
    private static partial Regex StoryLink();
}
