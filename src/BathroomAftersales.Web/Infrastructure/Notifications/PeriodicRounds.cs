namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>The loop of a background job: a round, then a pause on the injected clock, until the host stops.</summary>
public static class PeriodicRounds
{
    /// <summary>
    /// Runs <paramref name="round"/> every <paramref name="interval"/>. A failed round (the database briefly away) is
    /// reported and the next round tries again; stopping the host ends the loop quietly.
    /// </summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task> round, TimeSpan interval, TimeProvider time, Action<Exception> onFailure, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(onFailure);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                onFailure(exception);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
