{
  "targets": [
    {
      "target_name": "linkguard_prober",
      "sources": ["prober.c"],
      "cflags": ["-std=gnu11", "-O2", "-Wall", "-Wextra"],
      "conditions": [["OS!='linux'", {"type": "none", "sources!": ["prober.c"]}]]
    }
  ]
}
