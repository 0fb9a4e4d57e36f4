# Shared by train_gpu.sh and train_gpu_pl.sh (sourced): start train.py runs side by side, copy each
# run's newest checkpoint to $COPY_TO/<run>.pt and the logs' last lines to $COPY_TO/logs.txt every
# 20 s (so a run cut short still returns its weights), wait for all, print each run's end.
#
#   side_by_side RUNS "name train.py-args…" "name train.py-args…" …
# Needs PY. Returns non-zero if any run failed.
side_by_side() {
  sbs_runs=$1
  shift
  sbs_names=""
  sbs_pids=""
  for sbs_spec in "$@"; do
    sbs_name=${sbs_spec%% *}
    # shellcheck disable=SC2086 # the arguments are split on purpose
    $PY train.py --out "$sbs_runs/$sbs_name" ${sbs_spec#* } > "$sbs_runs.$sbs_name.out" 2>&1 &
    sbs_names="$sbs_names $sbs_name"
    sbs_pids="$sbs_pids $!"
  done
  sbs_copy() {
    [ -n "$COPY_TO" ] || return 0
    for r in $sbs_names; do
      f=$(ls -t "$sbs_runs/$r"/it*.pt 2>/dev/null | head -1)
      [ -n "$f" ] && cp "$f" "$COPY_TO/$r.pt"
      echo "$r: $(tail -1 "$sbs_runs/$r/log.txt" 2>/dev/null)"
    done > "$COPY_TO/logs.txt.new" && mv "$COPY_TO/logs.txt.new" "$COPY_TO/logs.txt"
  }
  sbs_alive() {
    for p in $sbs_pids; do kill -0 "$p" 2>/dev/null && return 0; done
    return 1
  }
  while sbs_alive; do
    sleep "${SBS_POLL:-20}"
    sbs_copy
    [ -n "$COPY_TO" ] && cat "$COPY_TO/logs.txt"
  done
  sbs_copy
  sbs_status=0
  for p in $sbs_pids; do wait "$p" || sbs_status=1; done
  for r in $sbs_names; do echo "== $r"; tail -2 "$sbs_runs.$r.out"; done
  return $sbs_status
}
