using Warta.Web.Markets;

namespace Warta.Tests.Markets;

public class MovementTests
{
    [Fact]
    public void Change_and_percent_against_the_previous_close()
    {
        var m = Movement.Of(909.31m, 901.40m)!.Value;
        Assert.Equal(7.91m, m.Change);
        Assert.Equal(0.88m, Math.Round(m.Percent!.Value, 2));
        Assert.Equal(Direction.Up, m.Direction);
    }

    [Fact]
    public void Falling_flat_and_unknown()
    {
        Assert.Equal(Direction.Down, Movement.Of(100m, 101m)!.Value.Direction);
        Assert.Equal(Direction.Flat, Movement.Of(100m, 100m)!.Value.Direction);
        Assert.Null(Movement.Of(100m, null));
    }
}
