namespace MilleLivres.Core.Dispatch;

/// <summary>Monday to Friday arithmetic for delivery dates (carriers do not deliver at weekends).</summary>
public static class WorkingDays
{
    public static DateOnly Add(DateOnly day, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var d = day;
        var left = workingDays;
        while (left > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }
        return d;
    }
}
