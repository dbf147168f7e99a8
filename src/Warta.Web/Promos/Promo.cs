using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Promos;

/// <summary>The newsroom's content for a promo slot: <c>top</c> (the Langganan banner) or <c>popup</c>.</summary>
public sealed class Promo
{
    public required string Slot { get; set; }
    /// <summary>Sanitised HTML.</summary>
    public required string Html { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public bool Dismissible { get; set; }
    /// <summary>The popup shows at most once per this many hours to one reader.</summary>
    public int FrequencyHours { get; set; }
    /// <summary>Bumped on every change, so a reader who dismissed the old promo sees the new one.</summary>
    public int Version { get; set; }

    public static readonly string[] Slots = ["top", "popup"];

    public bool IsLive(DateTimeOffset now) => (StartsAt is null || StartsAt <= now) && (EndsAt is null || EndsAt > now);
}

sealed class PromoConfiguration : IEntityTypeConfiguration<Promo>
{
    public void Configure(EntityTypeBuilder<Promo> b)
    {
        b.HasKey(p => p.Slot);
        b.Property(p => p.Slot).HasMaxLength(20);
        b.Property(p => p.Url).HasMaxLength(500);
    }
}
