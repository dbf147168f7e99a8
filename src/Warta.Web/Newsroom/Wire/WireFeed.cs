using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Content;

namespace Warta.Web.Newsroom.Wire;

/// <summary>An agency source: a feed polled by URL, or a drop folder the agency's files are copied into.</summary>
public sealed class WireFeed
{
    public int Id { get; set; }
    /// <summary>The agency (Reuters, AP, Antara …): becomes the draft's <c>Source</c>.</summary>
    public required string Agency { get; set; }
    /// <summary>An http(s) feed address; null for a drop folder.</summary>
    public string? Url { get; set; }
    /// <summary>A folder name under the operator's drop root (<c>Warta:Wire:DropRoot</c>); null for a URL feed.</summary>
    public string? DropFolder { get; set; }
    public int IntervalMinutes { get; set; } = 5;
    public int ChannelId { get; set; }
    public Channel Channel { get; set; } = null!;
    /// <summary>The admin's explicit permission to reach a loopback or private-network address (an agency box on the office LAN).</summary>
    public bool AllowPrivateAddresses { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the worker polls next; moved forward by whichever node claims the poll, so only one node polls.</summary>
    public DateTimeOffset NextPollAt { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>Items imported or updated by the last successful poll, for the admin's status view.</summary>
    public int LastImported { get; set; }

    public bool IsFailing => ConsecutiveFailures > 0;
}

/// <summary>One agency item that became a draft: the key that stops a second import, and what is needed to update it.</summary>
public sealed class WireItem
{
    public long Id { get; set; }
    public int FeedId { get; set; }
    public WireFeed Feed { get; set; } = null!;
    /// <summary>The item's identity in its feed: RSS guid, Atom id, NewsML-G2 guid.</summary>
    public required string ItemGuid { get; set; }
    /// <summary>NewsML-G2 version; 0 for RSS and Atom, whose updates are recognised by a changed <see cref="SourceHash"/>.</summary>
    public int Version { get; set; }
    public Guid ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public string? Link { get; set; }
    public DateTimeOffset? AgencyTime { get; set; }
    /// <summary>Hash of the item as the agency sent it, to recognise an update.</summary>
    public required string SourceHash { get; set; }
    /// <summary>Hash of the draft as the import left it; while the draft still hashes to this, nobody has touched it.</summary>
    public required string ContentHash { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>When the agency last sent a newer version that was not applied because an editor had already changed the draft.</summary>
    public DateTimeOffset? UpdateWithheldAt { get; set; }
}

sealed class WireConfiguration : IEntityTypeConfiguration<WireFeed>, IEntityTypeConfiguration<WireItem>
{
    public void Configure(EntityTypeBuilder<WireFeed> b)
    {
        b.Property(f => f.Agency).HasMaxLength(80);
        b.Property(f => f.Url).HasMaxLength(2000);
        b.Property(f => f.DropFolder).HasMaxLength(80);
        b.Property(f => f.LastError).HasMaxLength(1000);
        b.HasIndex(f => f.NextPollAt);
        b.HasOne(f => f.Channel).WithMany().HasForeignKey(f => f.ChannelId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(f => f.IsFailing);
    }

    public void Configure(EntityTypeBuilder<WireItem> b)
    {
        b.Property(i => i.ItemGuid).HasMaxLength(500);
        b.Property(i => i.Link).HasMaxLength(2000);
        b.Property(i => i.SourceHash).HasMaxLength(64);
        b.Property(i => i.ContentHash).HasMaxLength(64);
        // The one guarantee against a second import: two nodes or two polls racing on the same item cannot both insert it.
        b.HasIndex(i => new { i.FeedId, i.ItemGuid }).IsUnique();
        b.HasIndex(i => i.ArticleId).IsUnique();
        b.HasOne(i => i.Feed).WithMany().HasForeignKey(i => i.FeedId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Article).WithMany().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Restrict);
    }
}
