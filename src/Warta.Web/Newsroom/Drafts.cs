using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Newsroom;

/// <summary>
/// The editor's latest unsaved state of one story for one person, written every few seconds while they type and when the
/// tab is hidden or closed. One row per person and story, overwritten in place (not a revision each time); a real save
/// removes it. <see cref="Key"/> is the story's id, also for a story not yet saved (it is created under that id).
/// </summary>
public sealed class ArticleAutosave
{
    public Guid Key { get; set; }
    public required string UserId { get; set; }
    /// <summary>The story version the editor had loaded; null for a story not saved yet.</summary>
    public int? BaseVersion { get; set; }
    public required string Title { get; set; }
    /// <summary>The editor's fields as JSON (<see cref="ArticleInput"/>), body already cleaned.</summary>
    public required string Snapshot { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

sealed class DraftsConfiguration : IEntityTypeConfiguration<ArticleAutosave>
{
    public void Configure(EntityTypeBuilder<ArticleAutosave> b)
    {
        b.HasKey(a => new { a.Key, a.UserId });
        b.HasIndex(a => new { a.UserId, a.SavedAt });
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.Title).HasMaxLength(300);
        b.HasOne<Warta.Web.Accounts.Staff.StaffUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Autosaves per person: the editor sends one at most every 5 seconds, so <see cref="PerMinute"/> in a minute is a person
/// typing (and closing tabs); more is a script, and is refused with 429 before anything is read or written.
/// </summary>
public sealed class AutosaveLimiter(TimeProvider clock)
{
    public const int PerMinute = 20;
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Minute, int Count)> _counts = new();

    public bool TryTake(string userId)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var entry = _counts.AddOrUpdate(userId, (minute, 1), (_, c) => c.Minute == minute ? (minute, c.Count + 1) : (minute, 1));
        return entry.Count <= PerMinute;
    }
}
