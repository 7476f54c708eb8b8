from hadath.cli import main

raise SystemExit(main())
