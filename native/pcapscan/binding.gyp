{
  "targets": [
    {
      "target_name": "linkguard_pcapscan",
      "sources": ["pcapscan.c", "scan.c", "storms.c", "regions.c"],
      "cflags": ["-std=gnu11", "-O3", "-Wall", "-Wextra", "-ffp-contract=off"]
    }
  ]
}
