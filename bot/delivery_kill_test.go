//go:build unix

package bot_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// The kill -9 test re-runs this test binary as a child that claims a slot
// and then hangs, before or while posting; the parent kills it with
// SIGKILL and restarts.
const (
	killEnvPath  = "BRIEFBOT_KILL_CHILD_DB"
	killEnvPhase = "BRIEFBOT_KILL_CHILD_PHASE"
	killReady    = "CHILD-READY"
)

// hangPoster announces it is posting, then hangs until killed.
type hangPoster struct{}

func (hangPoster) Post(ctx context.Context, target string, msg bot.Message) (string, error) {
	fmt.Println(killReady)
	time.Sleep(time.Hour) // until killed
	return "", ctx.Err()
}

func TestKillChild(t *testing.T) {
	path := os.Getenv(killEnvPath)
	if path == "" {
		t.Skip("run by TestKill9BetweenClaimAndPost")
	}
	e := newEnv(t, day.Add(9*time.Hour))
	e.path = path
	st := openStore(t, path)
	s, err := bot.NewScheduler(bot.SchedulerOptions{Schedules: []bot.ScheduleSpec{daily("morning", "slack:C1")},
		Store: st, KB: e.kb.Load, Posters: map[string]bot.Poster{"slack": hangPoster{}}, Now: e.clock.Now, Owner: "child"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, now := context.Background(), e.clock.Now()
	if err := s.RunDue(ctx, now); err != nil {
		t.Fatal(err)
	}
	if os.Getenv(killEnvPhase) == "claimed" {
		fmt.Println(killReady)
		time.Sleep(time.Hour) // until killed
	}
	s.Deliver(ctx, now) // hangs in Post
}

func TestKill9BetweenClaimAndPost(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, phase := range []string{"claimed", "posting"} {
		t.Run(phase, func(t *testing.T) {
			e := newEnv(t, day.Add(9*time.Hour))
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
			cmd.Env = append(os.Environ(), killEnvPath+"="+e.path, killEnvPhase+"="+phase)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ready := false
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if strings.Contains(sc.Text(), killReady) {
					ready = true
					break
				}
			}
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			cmd.Wait()
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ready || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child did not reach the %s point (ready %v, state %v)", phase, ready, cmd.ProcessState)
			}
			s := e.scheduler("restarted", daily("morning", "slack:C1"))
			e.tick(s)
			if phase == "posting" {
				// The killed child held the lease; it runs out.
				e.clock.Set(e.clock.Now().Add(bot.DefaultLease))
				e.tick(s)
			}
			e.clock.Set(e.clock.Now().Add(time.Hour))
			e.tick(s)
			if n := len(e.slack.Posts()); n != 1 {
				t.Errorf("%d posts after kill -9 and restart, want exactly 1", n)
			}
		})
	}
}
