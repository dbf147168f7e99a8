using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom;

/// <summary>
/// The editor's tag suggestions: the most used tags, most stories first, then by name. Counting every tag's links takes
/// a scan of all of them (hundreds of thousands of rows at 100,000 stories), so the list is read once and kept until a
/// save changes which tags a story carries or a tag is created or renamed (<see cref="ArticleWriter"/> and
/// <see cref="LabelEditor"/> evict <see cref="CacheTag"/>).
/// </summary>
public static class TagSuggestions
{
    /// <summary>The tag of the suggestions as read for the editor.</summary>
    public const string CacheTag = "tag-suggestions";
    public const int Count = 300;

    public static Task<IReadOnlyList<string>> ReadAsync(CachedReads reads) =>
        reads.GetOrReadAsync(CacheTag, "top", TimeSpan.FromHours(1), services => CountAsync(services.GetRequiredService<WartaDb>()));

    /// <summary>The suggestions counted afresh.</summary>
    public static async Task<IReadOnlyList<string>> CountAsync(WartaDb db) =>
        await db.Tags.AsNoTracking().OrderByDescending(t => db.ArticleTags.Count(at => at.TagId == t.Id)).ThenBy(t => t.Name)
            .Take(Count).Select(t => t.Name).ToListAsync();
}
