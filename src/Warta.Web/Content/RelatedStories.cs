namespace Warta.Web.Content;

/// <summary>A published story offered beside another (Baca Juga, "Lainnya tentang ini"): its headline and address only.</summary>
public sealed record RelatedStory(Guid Id, string Title, string Slug, DateTimeOffset PublishedAt)
{
    public string Url => StoryLinks.UrlOf(Slug);
}

/// <summary>
/// Where automatic Baca Juga and "Lainnya tentang ini" come from: up to <c>count</c> published stories related to a
/// story, best first, never the story itself. Content's own choice (<see cref="PoolRelatedStories"/>) scores the latest
/// stories kept in memory; Discovery replaces it with one that asks the search index.
/// </summary>
public interface IRelatedStories
{
    /// <param name="story">The story being read, with its channel and tags loaded.</param>
    Task<IReadOnlyList<RelatedStory>> ForAsync(Article story, int count);
}

/// <summary>The latest <see cref="StoryQueries.RelatedPoolSize"/> stories scored by shared tags, channel and headline words (<see cref="BacaJugaPicker"/>).</summary>
public sealed class PoolRelatedStories(StoryQueries queries) : IRelatedStories
{
    public async Task<IReadOnlyList<RelatedStory>> ForAsync(Article story, int count)
    {
        var now = queries.Now;
        var self = new RelatedCandidate(story.Id, story.Title, story.ChannelId, story.Tags.Select(t => t.TagId).ToHashSet(), story.PublishedAt ?? now);
        return BacaJugaPicker.Pick(self, await queries.RelatedPoolAsync(), count, now)
            .Select(c => new RelatedStory(c.Id, c.Title, c.Slug, c.PublishedAt)).ToList();
    }
}
